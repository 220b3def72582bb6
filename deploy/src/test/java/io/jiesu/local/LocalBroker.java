package io.jiesu.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft broker as a child process, configured by {@link LocalKafka#serverProperties} exactly as
 * {@code deploy/local/up} configures the local platform's broker, but on free ports and in a temporary folder.
 */
final class LocalBroker implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    final Path dir;
    final int openPort;
    final int departmentPort;
    final int controllerPort;
    private final Process process;

    private LocalBroker(Path dir, int[] ports, Process process) {
        this.dir = dir;
        this.openPort = ports[0];
        this.departmentPort = ports[1];
        this.controllerPort = ports[2];
        this.process = process;
    }

    String openBootstrap() {
        return HOST + ":" + openPort;
    }

    String departmentBootstrap() {
        return HOST + ":" + departmentPort;
    }

    /** What {@code kafka-credentials} printed: the client properties (stdout) and its report (stderr). */
    record Credentials(String properties, String report) {
    }

    /**
     * Runs {@code kafka-credentials UNIT} against this broker as deploy/local/kafka-credentials does (clients told
     * the SASL listener), keeping the files in {@code usersDir}; a refused code throws as the command does.
     */
    Credentials kafkaCredentials(String unitCode, Path usersDir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalPlatform.run(new String[] {"kafka-credentials", "--bootstrap", openBootstrap(),
                "--client-bootstrap", departmentBootstrap(), "--dir", usersDir.toString(), unitCode},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new AssertionError("kafka-credentials " + unitCode + " exited " + code + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return new Credentials(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static LocalBroker start() throws Exception {
        Path dir = Files.createTempDirectory("jiesu-local-broker");
        int[] ports = freePorts(3);
        Path config = dir.resolve("server.properties");
        LocalKafka.write(config, LocalKafka.serverProperties(dir.resolve("data"), HOST, ports[0], ports[1], ports[2]));
        Path log = dir.resolve("kafka.log");

        // the same two steps as deploy/local/up: format the storage (standalone KRaft), then run kafka.Kafka
        Process format = java(log, "kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker storage failed: " + tail(log));
        }
        Process broker = java(log, "kafka.Kafka", config.toString());
        LocalBroker started = new LocalBroker(dir, ports, broker);
        try {
            started.awaitReady(Duration.ofSeconds(120));
        } catch (Exception | AssertionError e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + ": " + tail(dir.resolve("kafka.log")));
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                    Thread.sleep(500);
                }
            }
        }
        throw new IllegalStateException("the broker did not answer within " + timeout + ": " + last + "\n" + tail(dir.resolve("kafka.log")));
    }

    /** An Admin client on the open listener (a super user). */
    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, openBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** A child JVM on the test classpath running MAIN_CLASS, its output appended to LOG. */
    static Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("jiesu.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    /** The test classpath (surefire runs the tests from a manifest-only jar; it names the real one here). */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
