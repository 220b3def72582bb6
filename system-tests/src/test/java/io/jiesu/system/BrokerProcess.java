package io.jiesu.system;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Apache Kafka (KRaft, one combined broker/controller node) as a child JVM the test can kill and start again:
 * {@code kafka.Kafka} from the deploy module's runtime classpath ({@code deploy/target/lib}), configured and formatted
 * the way {@code deploy/local/up} does it, on free ports and a log directory of its own. A restart keeps the ports
 * and the data, so clients only see the broker go away and come back.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Path LIB = ServiceProcess.ROOT.resolve("deploy/target/lib");

    private final Path dir;
    private final Path properties;
    private final Path log;
    final int port;
    final int controllerPort;
    private Process process;

    private BrokerProcess(Path dir) {
        this.dir = dir;
        this.properties = dir.resolve("server.properties");
        this.log = ServiceProcess.ROOT.resolve("system-tests/target/system-logs/kafka.log");
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** Writes the configuration into a fresh {@code dir} and formats its storage (not started yet). */
    static BrokerProcess create(Path dir) throws Exception {
        if (!Files.isDirectory(LIB)) {
            throw new IllegalStateException(LIB + " is missing: build the deploy module first "
                    + "(./mvnw -pl deploy -am package -DskipTests)");
        }
        deleteRecursively(dir);
        BrokerProcess broker = new BrokerProcess(dir);
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(broker.log.getParent());
        Files.writeString(broker.properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + broker.controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + broker.port + ",CONTROLLER://127.0.0.1:" + broker.controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + broker.port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                // a single node: the internal topics cannot have more replicas than there are brokers
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        List<String> format = new ArrayList<>(java());
        format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", broker.properties.toString()));
        Process formatting = new ProcessBuilder(format).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(broker.log.toFile())).start();
        if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
            formatting.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka storage failed; see " + broker.log);
        }
        return broker;
    }

    private static List<String> java() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                // one INFO line per partition and state change would drown the log (every unit inbox is a topic)
                "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.cluster.Partition=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.log.LogManager=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage.internals.log=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller.ReplicationControlManager=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller.PartitionChangeBuilder=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.coordinator.common.runtime.CoordinatorRuntime=warn",
                "-cp", LIB + "/*"));
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    BrokerProcess start() throws IOException {
        List<String> command = java();
        command.addAll(List.of("kafka.Kafka", properties.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServiceProcess.track(process);
        return this;
    }

    /** Waits until the broker answers a metadata request (it is then the controller and a broker at once). */
    BrokerProcess awaitReady(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (Instant.now().isBefore(end)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return this;
                    }
                } catch (Exception e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no controlled shutdown, no flush — the log is recovered at the next start. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
