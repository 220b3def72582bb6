package io.jiesu.system;

import io.jiesu.local.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three KRaft nodes (each controller and broker) as child JVMs, configured by {@link LocalKafka#clusterProperties}
 * exactly as {@code deploy/local/up --brokers 3} configures them — replication factor 3, {@code min.insync.replicas=2}
 * — but on free ports (node n on the base ports + 100*(n-1)) and directories of the test's own. A node can be killed
 * ({@code kill -9}) and started again with the same ports and data.
 */
final class ThreeBrokerCluster implements AutoCloseable {
    static final int NODES = 3;
    private static final Path LIB = ServiceProcess.ROOT.resolve("deploy/target/lib");

    private final Path dir;
    private final int baseOpen;
    private final Process[] processes = new Process[NODES + 1];

    private ThreeBrokerCluster(Path dir, int baseOpen) {
        this.dir = dir;
        this.baseOpen = baseOpen;
    }

    /** Writes the three configurations into a fresh {@code dir} and formats the three storages (nothing started). */
    static ThreeBrokerCluster create(Path dir) throws Exception {
        if (!Files.isDirectory(LIB)) {
            throw new IllegalStateException(LIB + " is missing: build the deploy module first "
                    + "(./mvnw -pl deploy -am package -DskipTests)");
        }
        BrokerProcess.deleteRecursively(dir);
        ThreeBrokerCluster cluster = new ThreeBrokerCluster(dir, freeBase());
        String clusterId = Uuid.randomUuid().toString();
        for (int n = 1; n <= NODES; n++) {
            Path node = cluster.nodeDir(n);
            Files.createDirectories(node.resolve("data"));
            Files.createDirectories(cluster.log(n).getParent());
            LocalKafka.write(node.resolve("server.properties"), LocalKafka.clusterProperties(node.resolve("data"),
                    "127.0.0.1", cluster.baseOpen, cluster.baseOpen + 1, cluster.baseOpen + 2, n, NODES));
            // no --standalone: the quorum is the static controller.quorum.voters of the configuration
            List<String> format = java();
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    node.resolve("server.properties").toString()));
            Process formatting = new ProcessBuilder(format).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.log(n).toFile())).start();
            if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("formatting node " + n + " failed; see " + cluster.log(n));
            }
        }
        return cluster;
    }

    /** A base port with all nine ports (client, SASL, controller of three nodes) free now. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(0, 9_000);
            boolean free = true;
            for (int n = 0; n < NODES && free; n++) {
                for (int k = 0; k < 3 && free; k++) {
                    free = isFree(base + LocalKafka.NODE_PORT_STEP * n + k);
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free base port for three Kafka nodes");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> java() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.cluster.Partition=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.log.LogManager=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage.internals.log=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller.ReplicationControlManager=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller.PartitionChangeBuilder=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.coordinator.common.runtime.CoordinatorRuntime=warn",
                "-cp", LIB + "/*"));
    }

    private Path nodeDir(int n) {
        return dir.resolve("node-" + n);
    }

    Path log(int n) {
        return ServiceProcess.ROOT.resolve("system-tests/target/system-logs/three-broker-kafka-" + n + ".log");
    }

    int port(int n) {
        return baseOpen + LocalKafka.NODE_PORT_STEP * (n - 1);
    }

    /** All three nodes' client listeners: a client finds the cluster through whichever answers. */
    String bootstrap() {
        return java.util.stream.IntStream.rangeClosed(1, NODES).mapToObj(n -> "127.0.0.1:" + port(n))
                .collect(Collectors.joining(","));
    }

    ThreeBrokerCluster start() throws IOException {
        for (int n = 1; n <= NODES; n++) {
            start(n);
        }
        return this;
    }

    void start(int n) throws IOException {
        List<String> command = java();
        command.addAll(List.of("kafka.Kafka", nodeDir(n).resolve("server.properties").toString()));
        processes[n] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(n).toFile())).start();
        ServiceProcess.track(processes[n]);
    }

    /** SIGKILL node n: no controlled shutdown; its partitions get new leaders among the in-sync replicas. */
    void kill(int n) throws InterruptedException {
        processes[n].destroyForcibly();
        processes[n].waitFor();
    }

    boolean isAlive(int n) {
        return processes[n] != null && processes[n].isAlive();
    }

    /** Waits until the cluster reports {@code brokers} live brokers. */
    ThreeBrokerCluster awaitBrokers(int brokers, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        try (Admin admin = admin()) {
            while (Instant.now().isBefore(end)) {
                for (int n = 1; n <= NODES; n++) {
                    if (processes[n] != null && !processes[n].isAlive() && brokers == NODES) {
                        throw new IllegalStateException("Kafka node " + n + " exited; see " + log(n));
                    }
                }
                try {
                    if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() >= brokers) {
                        return this;
                    }
                } catch (Exception e) {
                    // no quorum or not listening yet
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(brokers + " Kafka brokers not up within " + timeout + "; see " + log(1));
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Override
    public void close() throws Exception {
        for (int n = 1; n <= NODES; n++) {
            if (processes[n] != null && processes[n].isAlive()) {
                processes[n].destroy();
            }
        }
        for (int n = 1; n <= NODES; n++) {
            if (processes[n] != null && !processes[n].waitFor(30, TimeUnit.SECONDS)) {
                processes[n].destroyForcibly().waitFor();
            }
        }
    }
}
