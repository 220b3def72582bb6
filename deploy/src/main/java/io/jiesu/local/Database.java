package io.jiesu.local;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** PostgreSQL checks and database creation over JDBC (no psql needed). */
final class Database {
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int TIMEOUT_SECONDS = 3;

    private Database() {
    }

    static int ping(List<String> args, PrintStream err) throws Exception {
        LocalPlatform.requireArgs(args, 3, "db-ping JDBC_URL USER PASSWORD");
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "db-ping");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Boolean> result = executor.submit(() -> {
                try (Connection c = connect(args.get(0), args.get(1), args.get(2));
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) ? 0 : LocalPlatform.EXIT_FAILED;
        } catch (TimeoutException e) {
            err.println("db-ping: no answer from " + args.get(0) + " within " + TIMEOUT_SECONDS + " s");
            return LocalPlatform.EXIT_FAILED;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("db-ping: " + args.get(0) + ": " + e.getCause().getMessage());
            return LocalPlatform.EXIT_FAILED;
        } finally {
            executor.shutdownNow();
        }
    }

    static int create(List<String> args, PrintStream out) throws Exception {
        LocalPlatform.requireArgs(args, 4, "db-create ADMIN_JDBC_URL USER PASSWORD NAME...");
        List<String> names = args.subList(3, args.size());
        for (String name : names) {
            if (!DB_NAME.matcher(name).matches()) {
                throw new LocalPlatform.UsageException("invalid database name '" + name
                        + "' (lower-case letters, digits and _ only)");
            }
        }
        try (Connection c = connect(args.get(0), args.get(1), args.get(2))) {
            c.setAutoCommit(true);
            for (String name : names) {
                if (exists(c, name)) {
                    out.println("database " + name + ": exists");
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name + "\"");
                    out.println("database " + name + ": created");
                } catch (SQLException e) {
                    // 42P04 duplicate_database: someone created it meanwhile, which is as good
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                    out.println("database " + name + ": exists");
                }
            }
        }
        return 0;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "jiesu-local-platform");
        return DriverManager.getConnection(url, p);
    }
}
