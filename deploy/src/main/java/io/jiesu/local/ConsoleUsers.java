package io.jiesu.local;

import io.jiesu.contract.reference.ReferenceData;
import io.quarkus.elytron.security.common.BcryptUtil;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code deploy/local/user USERNAME ROLE [UNIT_CODE|DISTRICT_CODE]}: creates a console account on the local platform,
 * or resets its password, role and unit (or district) and unlocks it; prints the new password as its last line. It writes the console's own
 * {@code account} table (created by the console's migration at its first start), with the same bcrypt hashing and
 * the same checks the console's account administration applies.
 */
public final class ConsoleUsers {
    static final String USAGE = "user JDBC_URL DB_USER DB_PASSWORD USERNAME ROLE [UNIT_CODE|DISTRICT_CODE]   "
            + "(ROLE: operator reviewer unit district leader analyst admin; unit needs UNIT_CODE, district needs "
            + "DISTRICT_CODE)";
    static final Set<String> ROLES = Set.of("operator", "reviewer", "unit", "district", "leader", "analyst", "admin");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleUsers() {
    }

    /** Creates or resets one account and returns its new password (for tests that drive the console). */
    public static String createOrReset(String jdbcUrl, String dbUser, String dbPassword, String username, String role,
            String unitCode) throws Exception {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.util.List<String> args = new java.util.ArrayList<>(List.of(jdbcUrl, dbUser, dbPassword, username, role));
        if (unitCode != null) {
            args.add(unitCode);
        }
        run(args, new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        String[] lines = buffer.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        if (args.size() < 5 || args.size() > 6) {
            throw new LocalPlatform.UsageException("usage: " + USAGE);
        }
        String username = args.get(3).trim().toLowerCase();
        String role = args.get(4).trim().toLowerCase();
        String code = args.size() > 5 ? args.get(5).trim() : null;
        if (!username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new LocalPlatform.UsageException("USERNAME: 2–64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (!ROLES.contains(role)) {
            throw new LocalPlatform.UsageException("unknown role '" + role + "'\nusage: " + USAGE);
        }
        boolean scoped = role.equals("unit") || role.equals("district");
        if (scoped != (code != null)) {
            throw new LocalPlatform.UsageException(switch (role) {
                case "unit" -> "role 'unit' needs a UNIT_CODE (e.g. 110101001)";
                case "district" -> "role 'district' needs a DISTRICT_CODE (e.g. 110105)";
                default -> "only roles 'unit' and 'district' take a code";
            });
        }
        String unit = role.equals("unit") ? code : null;
        String district = role.equals("district") ? code : null;
        if (unit != null && ReferenceData.get().unit(unit).isEmpty()) {
            throw new LocalPlatform.UsageException("unknown unit code '" + unit + "' (see the reference data)");
        }
        if (district != null && ReferenceData.get().district(district).isEmpty()) {
            throw new LocalPlatform.UsageException("unknown district code '" + district + "' (see the reference data)");
        }
        String password = newPassword();
        Instant now = Instant.now();
        try (Connection c = DriverManager.getConnection(args.get(0), args.get(1), args.get(2))) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO account (username, role, unit_code, district_code, password_hash, enabled,
                                         failed_attempts, locked_until, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, true, 0, NULL, ?, ?)
                    ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, unit_code = EXCLUDED.unit_code,
                        district_code = EXCLUDED.district_code,
                        password_hash = EXCLUDED.password_hash, enabled = true, failed_attempts = 0,
                        locked_until = NULL, updated_at = EXCLUDED.updated_at
                    RETURNING (xmax = 0)""");
                    PreparedStatement audit = c.prepareStatement("""
                    INSERT INTO account_audit (username, action, actor, at, detail) VALUES (?, ?, 'deploy/local/user', ?, ?)""")) {
                upsert.setString(1, username);
                upsert.setString(2, role);
                upsert.setString(3, unit);
                upsert.setString(4, district);
                upsert.setString(5, BcryptUtil.bcryptHash(password, 10));
                upsert.setTimestamp(6, Timestamp.from(now));
                upsert.setTimestamp(7, Timestamp.from(now));
                boolean created;
                try (var rs = upsert.executeQuery()) {
                    rs.next();
                    created = rs.getBoolean(1);
                }
                audit.setString(1, username);
                audit.setString(2, created ? "CREATED" : "RESET");
                audit.setTimestamp(3, Timestamp.from(now));
                audit.setString(4, "role " + role + (unit == null ? "" : ", unit " + unit)
                        + (district == null ? "" : ", district " + district));
                audit.executeUpdate();
                c.commit();
                out.println((created ? "created " : "reset ") + username + " (" + role + (unit == null ? "" : ", "
                        + ReferenceData.get().unit(unit).map(u -> u.name()).orElse(unit)) + (district == null ? ""
                        : ", " + ReferenceData.get().district(district).map(d -> d.name()).orElse(district)) + ")");
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined table
                throw new LocalPlatform.UsageException("the console's database has no account table yet: start the "
                        + "platform first (deploy/local/up), then run this again");
            }
            throw e;
        }
        out.println(password);
        return 0;
    }

    static String newPassword() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
