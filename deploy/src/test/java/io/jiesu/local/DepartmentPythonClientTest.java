package io.jiesu.local;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's librdkafka example, {@code docs/examples/department-consumer.py} (Python confluent-kafka), reads a
 * unit's inbox over the SASL/SCRAM-SHA-512 listener of a broker configured like the local platform's, with the
 * properties file {@code kafka-credentials} prints.
 * <p>
 * It runs only where python3 has the {@code confluent_kafka} module on librdkafka 2.6.1 or later (older ones are
 * refused by Kafka 4, see docs/security.md); elsewhere it is skipped, naming what it found. It does not apt-get the
 * module as the browser tests do Chromium: Debian's python3-confluent-kafka is 1.7.0 on librdkafka 2.0.2, below
 * the minimum, so installing it could only end in the same skip. PyPI's wheels (pip) are what makes it run.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DepartmentPythonClientTest {
    private static final Path SCRIPT = Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
            "department-consumer.py");
    private static final String MINIMUM = "2.6.1";
    private static final String UNIT = "ENT_HEATING";

    private record Run(int exit, String output) {
    }

    @Test
    void theVersionCheckComparesVersionsAsNumbers() throws Exception {
        String python = python3();
        for (String tooOld : List.of("2.0.2", "2.6.0")) {
            Run run = run(Duration.ofSeconds(20), python, SCRIPT.toString(), "--check-version", tooOld);
            assertEquals(1, run.exit(), run.output());
            assertTrue(run.output().contains("librdkafka " + tooOld + " is too old")
                    && run.output().contains("before librdkafka " + MINIMUM), run.output());
        }
        for (String fine : List.of(MINIMUM, "2.10.0", "3.0.0-RC1")) {
            Run run = run(Duration.ofSeconds(20), python, SCRIPT.toString(), "--check-version", fine);
            assertEquals(0, run.exit(), fine + ": " + run.output());
        }
        assertEquals(2, run(Duration.ofSeconds(20), python, SCRIPT.toString(), "--check-version", "latest").exit());
    }

    @Test
    void theConfluentKafkaExampleReadsTheInboxOverSaslScram() throws Exception {
        String python = pythonWithConfluentKafka();
        Run probe = run(Duration.ofSeconds(20), python, "-c",
                "import confluent_kafka; print(confluent_kafka.libversion()[0])");
        String libVersion = probe.output().strip();
        Run check = run(Duration.ofSeconds(20), python, SCRIPT.toString(), "--check-version", libVersion);
        assumeTrue(check.exit() == 0, () -> "confluent_kafka of " + python + " is on librdkafka " + libVersion
                + " (minimum " + MINIMUM + "), so the example is not run: " + check.output().strip());

        try (LocalBroker broker = LocalBroker.start()) {
            Path properties = broker.dir.resolve(UNIT + ".properties");
            Files.writeString(properties,
                    broker.kafkaCredentials(UNIT, broker.dir.resolve("kafka-users")).properties());
            String id = UUID.randomUUID().toString();
            try (KafkaProducer<String, String> platform = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.openBootstrap()),
                    new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.unitInbox(UNIT), "C-PY-1",
                        "{\"caseId\":\"C-PY-1\",\"title\":\"暖气不热\"}");
                header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
                header(record, CloudEventHeaders.ID, id);
                header(record, CloudEventHeaders.SOURCE, "/dispatch-service");
                header(record, CloudEventHeaders.TYPE, EventCatalog.INBOX_WORK_ORDER.type());
                header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
                platform.send(record).get(30, TimeUnit.SECONDS);
            }

            Run consumer = run(Duration.ofSeconds(45), python, SCRIPT.toString(), properties.toString(),
                    "--max-messages", "1", "--seconds", "30");
            assertEquals(0, consumer.exit(), consumer.output());
            assertTrue(consumer.output().contains("ce_type=" + EventCatalog.INBOX_WORK_ORDER.type() + " ce_id=" + id
                    + " key=C-PY-1"), consumer.output());
            assertTrue(consumer.output().contains("\"title\": \"暖气不热\""), consumer.output());
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** python3 from {@code -Djiesu.test.python}, else PATH's and Debian's; skipped when there is none. */
    private static List<String> pythons() {
        String configured = System.getProperty("jiesu.test.python");
        return configured != null ? List.of(configured) : List.of("python3", "/usr/bin/python3");
    }

    /** The interpreter itself (not a pyenv shim, which costs a second per start on a busy machine). */
    private static String python3() throws Exception {
        for (String python : pythons()) {
            Optional<String> executable = executable(python, "");
            if (executable.isPresent()) {
                return executable.get();
            }
        }
        return abort("no python3 (tried " + pythons() + ")");
    }

    private static String pythonWithConfluentKafka() throws Exception {
        for (String python : pythons()) {
            Optional<String> executable = executable(python, "import confluent_kafka; ");
            if (executable.isPresent()) {
                return executable.get();
            }
        }
        return abort("no python3 with the confluent_kafka module (tried " + pythons() + "), so the librdkafka"
                + " example is not run; pip install confluent-kafka brings librdkafka >= " + MINIMUM + " (Debian's"
                + " python3-confluent-kafka 1.7.0 is on librdkafka 2.0.2, below the minimum " + MINIMUM + ")");
    }

    /** PYTHON's real executable if it runs CODE, else empty. */
    private static Optional<String> executable(String python, String code) throws Exception {
        try {
            Run run = run(Duration.ofSeconds(20), python, "-c", code + "import sys; print(sys.executable)");
            return run.exit() == 0 ? Optional.of(run.output().strip()) : Optional.empty();
        } catch (java.io.IOException notThere) {
            return Optional.empty();
        }
    }

    /** Runs COMMAND with stdout and stderr together; fails when it outlives TIMEOUT. */
    private static Run run(Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile("jiesu-python", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("PYTHONIOENCODING", "utf-8"); // the JSON is printed with its Chinese as is
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " ran longer than " + timeout + ":\n"
                        + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
