package io.jiesu.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of the local single-node KRaft broker, in one place: {@code deploy/local/up} writes it with
 * {@code LocalPlatform kafka-config}, and the deploy module's tests start their broker from the same method.
 *
 * <p>Three listeners:
 * <ul>
 * <li>{@code PLAINTEXT} (9092): the open listener for the platform's own processes and local tools. Its
 * principal, {@code User:ANONYMOUS}, is a super user, so the services and {@code deploy/local/*} work without
 * credentials. Production configurations have no such listener.</li>
 * <li>{@code SASL_PLAINTEXT} (9093): department systems, SCRAM-SHA-512 only, every request checked against the
 * ACLs of {@code deploy/local/kafka-credentials}; no ACL means no access.</li>
 * <li>{@code CONTROLLER} (9094): KRaft; PLAINTEXT, also {@code User:ANONYMOUS}, so the broker-to-controller
 * requests pass the authorizer.</li>
 * </ul>
 *
 * <p>{@code deploy/local/up --brokers 3} runs three such nodes, each a combined controller and broker ({@link
 * #clusterProperties}): node {@code n} listens on the single node's ports plus {@code 100 * (n - 1)} (9092/9192/9292
 * for clients), the three controllers form a static quorum, and every topic gets three replicas with
 * {@code min.insync.replicas=2}, so that the loss of any one node loses no acknowledged write.
 */
public final class LocalKafka {

    /** Listener names (and security protocols) of server.properties. */
    public static final String OPEN_LISTENER = "PLAINTEXT";
    public static final String DEPARTMENT_LISTENER = "SASL_PLAINTEXT";
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    /** What PLAINTEXT connections (the open and the controller listener) authenticate as. */
    public static final String OPEN_PRINCIPAL = "User:ANONYMOUS";

    private LocalKafka() {
    }

    /** Port offset between the nodes of a local cluster: node n uses the single node's ports + 100 * (n - 1). */
    public static final int NODE_PORT_STEP = 100;

    /** The single broker's settings, in the order they are written. */
    public static Map<String, String> serverProperties(Path dataDir, String host, int openPort, int departmentPort,
                                                       int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        common(p, dataDir, host, openPort, departmentPort, controllerPort);
        p.put("num.partitions", "6");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // the active controller appends a no-op record to the metadata log this often (default 500 ms) and every
        // node replicates and applies it: at rest that was the broker's busiest thread on a small machine
        p.put("metadata.max.idle.interval.ms", "5000");
        return p;
    }

    /**
     * The settings of node {@code nodeId} (1..{@code nodes}) of a local cluster whose node 1 uses the base ports;
     * node n listens on each base port + {@link #NODE_PORT_STEP} * (n - 1). Storage is formatted without
     * {@code --standalone}: the quorum is the static voter set {@code controller.quorum.voters}.
     */
    public static Map<String, String> clusterProperties(Path dataDir, String host, int baseOpenPort,
                                                        int baseDepartmentPort, int baseControllerPort, int nodeId,
                                                        int nodes) {
        if (nodes < 3 || nodeId < 1 || nodeId > nodes) {
            throw new IllegalArgumentException("node " + nodeId + " of " + nodes + " (a cluster has 3 or more nodes)");
        }
        int offset = NODE_PORT_STEP * (nodeId - 1);
        StringBuilder voters = new StringBuilder();
        for (int n = 1; n <= nodes; n++) {
            voters.append(n == 1 ? "" : ",").append(n).append('@').append(host).append(':')
                    .append(baseControllerPort + NODE_PORT_STEP * (n - 1));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters.toString());
        common(p, dataDir, host, baseOpenPort + offset, baseDepartmentPort + offset, baseControllerPort + offset);
        p.put("num.partitions", "6");
        // Every topic, also the auto-created unit inboxes and the internal ones, on all three nodes; a write
        // acknowledged by two of them (acks=all, the clients' default) survives the loss of any one node.
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        // a killed node's partitions get a new leader from the in-sync replicas only: no acknowledged write is lost
        p.put("unclean.leader.election.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // the active controller appends a no-op record to the metadata log this often (default 500 ms) and every
        // node replicates and applies it: at rest that was the broker's busiest thread on a small machine
        p.put("metadata.max.idle.interval.ms", "5000");
        return p;
    }

    /** Listeners, security and storage: the same on the single node and on every node of a cluster. */
    private static void common(Map<String, String> p, Path dataDir, String host, int openPort, int departmentPort,
                               int controllerPort) {
        p.put("listeners", OPEN_LISTENER + "://" + host + ":" + openPort + ","
                + DEPARTMENT_LISTENER + "://" + host + ":" + departmentPort + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", OPEN_LISTENER + "://" + host + ":" + openPort + ","
                + DEPARTMENT_LISTENER + "://" + host + ":" + departmentPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", OPEN_LISTENER + ":PLAINTEXT,"
                + DEPARTMENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        // Replication and the controller stay on PLAINTEXT: no broker credentials to manage on one machine.
        p.put("inter.broker.listener.name", OPEN_LISTENER);
        // Department listener: SCRAM only. The server side needs a login module entry but no credentials of its
        // own; the users' SCRAM credentials live in the KRaft metadata (Admin#alterUserScramCredentials).
        String prefix = "listener.name." + DEPARTMENT_LISTENER.toLowerCase() + ".";
        p.put(prefix + "sasl.enabled.mechanisms", SASL_MECHANISM);
        p.put(prefix + SASL_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // Kafka's own ACLs, stored in the KRaft metadata. Deny by default; the open and controller listeners'
        // principal may do everything (the platform's services and local tools connect there).
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", OPEN_PRINCIPAL);
        p.put("log.dirs", dataDir.toString());
    }

    /** Writes server.properties (replacing it); the values have no characters that need escaping. */
    public static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder(
                "# written by deploy/local/up (io.jiesu.local.LocalKafka) on every Kafka start; edit LocalKafka, not this file\n");
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "server", ".properties.tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {@code kafka-config FILE DATA_DIR HOST OPEN_PORT DEPARTMENT_PORT CONTROLLER_PORT [NODE_ID NODES]}: the single
     * node, or with NODE_ID and NODES node NODE_ID of a cluster whose node 1 has the given ports.
     */
    static int writeConfig(List<String> args, java.io.PrintStream out) throws Exception {
        String usage = "kafka-config FILE DATA_DIR HOST OPEN_PORT DEPARTMENT_PORT CONTROLLER_PORT";
        String clusterUsage = usage + " [NODE_ID NODES]";
        LocalPlatform.requireArgs(args, 6, clusterUsage);
        if (args.size() != 6 && args.size() != 8) {
            throw new LocalPlatform.UsageException("usage: " + clusterUsage);
        }
        int[] ports = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                ports[i] = Integer.parseInt(args.get(3 + i));
            } catch (NumberFormatException e) {
                throw new LocalPlatform.UsageException("not a port: '" + args.get(3 + i) + "' (usage: " + usage + ")");
            }
        }
        Path file = Path.of(args.get(0));
        if (args.size() == 8) {
            int node;
            int nodes;
            try {
                node = Integer.parseInt(args.get(6));
                nodes = Integer.parseInt(args.get(7));
            } catch (NumberFormatException e) {
                throw new LocalPlatform.UsageException("NODE_ID and NODES are numbers (usage: " + clusterUsage + ")");
            }
            if (nodes < 3 || node < 1 || node > nodes) {
                throw new LocalPlatform.UsageException("node " + node + " of " + nodes
                        + ": a cluster has 3 or more nodes, numbered from 1 (usage: " + clusterUsage + ")");
            }
            write(file, clusterProperties(Path.of(args.get(1)), args.get(2), ports[0], ports[1], ports[2], node,
                    nodes));
        } else {
            write(file, serverProperties(Path.of(args.get(1)), args.get(2), ports[0], ports[1], ports[2]));
        }
        out.println(file);
        return 0;
    }
}
