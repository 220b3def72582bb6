package io.jiesu.system;

import io.jiesu.testing.TestInfrastructure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL (zonky's embedded binaries) that the test owns and can stop and start again on the same port
 * and data directory — the shared server at 127.0.0.1:5432 serves other builds and must never be restarted.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final Path dataDir;
    final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A fresh cluster in {@code dataDir} (emptied first), started. */
    static EmbeddedDatabase create(Path dataDir) throws IOException {
        BrokerProcess.deleteRecursively(dataDir);
        EmbeddedDatabase db = new EmbeddedDatabase(dataDir, freePort());
        db.start();
        return db;
    }

    void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false) // a restart finds its data again
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky turns this off for speed; the services' durability claims assume the production default
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(90))
                .start();
    }

    /** {@code pg_ctl stop -m fast}: open sessions are cut, transactions in progress roll back. */
    void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    TestInfrastructure.Database database() {
        return new TestInfrastructure.Database("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
                "postgres");
    }

    /** Creates database {@code name} and returns its JDBC URL. */
    String create(String name) throws SQLException {
        TestInfrastructure.Database db = database();
        try (Connection c = DriverManager.getConnection(db.adminUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return db.urlOf(name);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
