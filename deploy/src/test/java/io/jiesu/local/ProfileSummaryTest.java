package io.jiesu.local;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileSummaryTest {

    @Test
    void areasArePickedMostSpecificFirst() {
        assertEquals("jiesu (own code)", ProfileSummary.areaOf("io.jiesu.platform.outbox.OutboxRelay"));
        assertEquals("JDBC driver", ProfileSummary.areaOf("org.postgresql.core.v3.QueryExecutorImpl"));
        assertEquals("Kafka", ProfileSummary.areaOf("org.apache.kafka.clients.producer.KafkaProducer"));
        assertEquals("Netty/Vert.x", ProfileSummary.areaOf("io.vertx.core.http.impl.Http1xServerConnection"));
        assertEquals("transactions", ProfileSummary.areaOf("io.quarkus.narayana.jta.QuarkusTransactionImpl"));
        assertEquals("Quarkus other", ProfileSummary.areaOf("io.quarkus.runtime.Application"));
        assertEquals("JDK regex", ProfileSummary.areaOf("java.util.regex.Pattern"));
        assertEquals("JDK other", ProfileSummary.areaOf("java.util.HashMap"));
        assertEquals("other", ProfileSummary.areaOf("org.example.Thing"));
    }

    /** A real recording of this JVM while one of our methods burns CPU: the summary names that method. */
    @Test
    void aRecordingOfBusyCodeNamesTheMethodItWasSpentFor(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            long sink = 0;
            while (System.nanoTime() < until) {
                sink += burn(sink);
            }
            recording.stop();
            recording.dump(file);
            assertTrue(sink != 42, "keeps the loop");
        }
        ProfileSummary.Profile profile = ProfileSummary.read(file);
        assertTrue(profile.samples() >= 20, "samples: " + profile.samples());
        long ours = profile.byOwnCaller().getOrDefault("ProfileSummaryTest.burn", 0L)
                + profile.byOwnCaller().getOrDefault("ProfileSummaryTest.aRecordingOfBusyCodeNamesTheMethodItWasSpentFor", 0L);
        assertTrue(ours * 2 > profile.samples(), "most samples are ours: " + profile.byOwnCaller());

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ProfileSummary.print("test", profile, 5, new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("== test: " + profile.samples() + " execution samples"), printed);
        assertTrue(printed.contains("ProfileSummaryTest.burn") || printed.contains("ProfileSummaryTest.aRecording"),
                printed);
    }

    private static long burn(long seed) {
        long x = seed | 1;
        for (int i = 0; i < 10_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x & 0xff;
    }
}
