package io.jiesu.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code LocalPlatform kafka-config}, what deploy/local/up runs, writes exactly {@link LocalKafka}'s settings. */
class LocalKafkaConfigTest {

    @Test
    void kafkaConfigWritesTheSettingsTheTestsUse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka/server.properties");
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertEquals(0, LocalPlatform.run(new String[] {"kafka-config", file.toString(), dir.resolve("data").toString(),
                "127.0.0.1", "9092", "9093", "9094"}, out, out));

        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            written.load(in);
        }
        Map<String, String> actual = new HashMap<>();
        written.forEach((k, v) -> actual.put((String) k, (String) v));
        Map<String, String> expected = LocalKafka.serverProperties(dir.resolve("data"), "127.0.0.1", 9092, 9093, 9094);
        assertEquals(expected, actual);
        assertEquals("PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:9094",
                actual.get("listeners"));
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", actual.get("authorizer.class.name"));
        assertEquals("false", actual.get("allow.everyone.if.no.acl.found"));
        assertEquals("User:ANONYMOUS", actual.get("super.users"));
        // the controller's no-op metadata record every 5 s instead of every 500 ms (idle CPU)
        assertEquals("5000", actual.get("metadata.max.idle.interval.ms"));
    }

    @Test
    void aPortThatIsNoNumberIsAUsageError(@TempDir Path dir) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        LocalPlatform.UsageException e = assertThrows(LocalPlatform.UsageException.class, () -> LocalPlatform.run(
                new String[] {"kafka-config", dir.resolve("s.properties").toString(), dir.toString(), "127.0.0.1",
                        "9092", "x", "9094"}, out, out));
        assertEquals("not a port: 'x' (usage: kafka-config FILE DATA_DIR HOST OPEN_PORT DEPARTMENT_PORT CONTROLLER_PORT)",
                e.getMessage());
    }
}
