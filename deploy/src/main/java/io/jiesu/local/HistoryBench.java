package io.jiesu.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code deploy/local/bench-history}: a synthetic history of appeals written <b>directly into the five services'
 * databases</b> with set-based SQL ({@code generate_series}), so that the end-to-end benchmark can be run after a
 * million appeals without sending a million appeals first (issue 18, the long run).
 *
 * <p>How a history appeal is made: the rows one real case of the running platform left in every database (the
 * <i>template</i>: an open, dispatched case, and a linked repeat for the repeats of the history) are copied for each
 * history appeal {@code g}, every table that has a {@code case_id} (or, for {@code durable_timer}, a {@code subject})
 * column, with the columns that make appeals differ replaced: case id, external id, caller (phone and keyed hash),
 * content hash, street/town, district, category, address, unit, the link of a repeat, the status, and every time
 * moved by the same shift as the received time. Appeal {@code g} was received {@code (g - 1) / perDay} days before the
 * first history appeal, so the newest history is "today" and a larger history reaches further back (a 10,000-appeal
 * history is about the last day, a million about the last 90 days at the default 11,111 a day).
 *
 * <p>Shape: 10 % of the appeals go to 20 hot places (street/town × category), the rest spread over every street/town
 * and category of the reference data; 2 % come from 20 relentless callers (some with the same content again), the
 * rest from ~400,000 callers who call a few times in 90 days; every 20th appeal is a repeat linked to an older open
 * one. Cases younger than a day are open, one in five up to 15 days, the rest completed (status only: the completion
 * and visit data of the template, which was not completed, stay empty). The bookkeeping is what the services'
 * retention leaves: {@code processed_event} rows (with the per-appeal mix of consumers and event types the platform
 * wrote so far) for the last 14 days only, finished timers for the last 30 days, timers that would have fired by now
 * marked FIRED; intake's {@code caller_day_count} for the last two days; analytics' {@code place_day_count} through its
 * own trigger on {@code case_fact}. Every table written is ANALYZEd at the end.
 */
final class HistoryBench {
    static final String USAGE = """
            usage: bench-history --appeals N [--per-day D] [--chunk C] --reference FILE
                   bench-history --count   (prints the appeals in intake_case)
              --appeals N  the history to reach: N appeals in intake_case in all (real and generated); adds the
                           missing ones, numbered after the history already there (1 ... 5,000,000)
              --per-day D  history appeals per day (default 11111: a million is ~90 days)
              --chunk C    appeals per transaction and database (default 50000)
            database: JIESU_BENCH_JDBC_BASE (jdbc:postgresql://HOST:PORT/), JIESU_DB_USER, JIESU_DB_PASSWORD""";

    /** The databases, each with the table that holds one row per case (written first: the others refer to it). */
    static final Map<String, String> DATABASES = new LinkedHashMap<>();

    static {
        DATABASES.put("jiesu_intake", "intake_case");
        DATABASES.put("jiesu_dispatch", "work_order");
        DATABASES.put("jiesu_analytics", "case_fact");
        DATABASES.put("jiesu_evaluation", "eval_case");
        DATABASES.put("jiesu_whistle", "case_lead");
    }

    static final String CASE_PREFIX = "H";
    static final String EXTERNAL_PREFIX = "HISTORY-";
    private static final int HOT_PLACES = 20;
    private static final int RELENTLESS_CALLERS = 20;
    private static final int CALLERS = 400_000;

    record Options(long appeals, long perDay, int chunk, Path reference) {
    }

    private final Options o;
    private final BenchAppeals reference;
    private final String jdbcBase;
    private final String user;
    private final String password;
    private final PrintStream out;

    HistoryBench(Options o, BenchAppeals reference, String jdbcBase, String user, String password, PrintStream out) {
        this.o = o;
        this.reference = reference;
        this.jdbcBase = jdbcBase;
        this.user = user;
        this.password = password;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            String base = System.getenv().getOrDefault("JIESU_BENCH_JDBC_BASE", "jdbc:postgresql://127.0.0.1:5432/");
            if (!base.startsWith("jdbc:postgresql://127.0.0.1:") && !base.startsWith("jdbc:postgresql://localhost:")) {
                throw new IllegalArgumentException("only a PostgreSQL on 127.0.0.1 is written to, not " + base);
            }
            if (args.length == 1 && args[0].equals("--count")) {
                // the appeals intake holds: deploy/local/bench-history --measure divides CPU by the difference
                try (Connection c = Database.connect(base + "jiesu_intake" + SUFFIX,
                        System.getenv().getOrDefault("JIESU_DB_USER", "postgres"),
                        System.getenv().getOrDefault("JIESU_DB_PASSWORD", ""))) {
                    c.setAutoCommit(true);
                    System.out.println(single(c, "SELECT count(*) FROM intake_case"));
                }
                System.exit(0);
            }
            Options o = parse(args);
            BenchAppeals ref = BenchAppeals.load(o.reference(), "history");
            System.exit(new HistoryBench(o, ref, base, System.getenv().getOrDefault("JIESU_DB_USER", "postgres"),
                    System.getenv().getOrDefault("JIESU_DB_PASSWORD", ""), System.out).run());
        } catch (IllegalArgumentException e) {
            System.err.println("bench-history: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("bench-history: " + e);
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        long appeals = -1;
        long perDay = 11_111;
        int chunk = 50_000;
        Path reference = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--appeals" -> appeals = number(a, v, 1, 5_000_000);
                case "--per-day" -> perDay = number(a, v, 100, 1_000_000);
                case "--chunk" -> chunk = (int) number(a, v, 1_000, 500_000);
                case "--reference" -> reference = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (appeals < 0 || reference == null) {
            throw new IllegalArgumentException("--appeals and --reference are required");
        }
        return new Options(appeals, perDay, chunk, reference);
    }

    private static long number(String name, String v, long min, long max) {
        try {
            long n = Long.parseLong(v.replace(",", "").replace("_", ""));
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be " + min + " … " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + v);
        }
    }

    /** JIESU_BENCH_DB_SUFFIX: the databases' names end with it (to try the generator on copies of them). */
    private static final String SUFFIX = System.getenv().getOrDefault("JIESU_BENCH_DB_SUFFIX", "");

    Connection connect(String db) throws SQLException {
        Connection c = Database.connect(jdbcBase + db + SUFFIX, user, password);
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 0");
            s.execute("SET synchronous_commit = off"); // the generator's own commits only
        }
        c.setAutoCommit(false);
        return c;
    }

    int run() throws SQLException {
        long started = System.nanoTime();
        Map<String, Connection> dbs = new LinkedHashMap<>();
        try {
            for (String db : DATABASES.keySet()) {
                Connection c = Database.connect(jdbcBase + db + SUFFIX, user, password);
                c.close();
            }
            for (String db : DATABASES.keySet()) {
                dbs.put(db, connect(db));
            }
            Connection intake = dbs.get("jiesu_intake");
            long total = single(intake, "SELECT count(*) FROM intake_case");
            long history = single(intake, "SELECT count(*) FROM intake_case WHERE external_id LIKE '"
                    + EXTERNAL_PREFIX + "%'");
            long real = total - history;
            long missing = o.appeals() - total;
            out.printf(Locale.ROOT, "intake_case: %,d appeals (%,d of the platform, %,d generated history)%n", total,
                    real, history);
            if (missing <= 0) {
                out.printf(Locale.ROOT, "history: nothing to add for %,d appeals%n", o.appeals());
                return 0;
            }
            if (real < 50) {
                throw new IllegalStateException("the platform has " + real + " cases of its own: run the benchmark"
                        + " once first (deploy/local/bench), its cases are the templates of the history");
            }
            Templates t = templates(dbs);
            out.printf(Locale.ROOT, "templates: open case %s, linked repeat %s (rows copied per history appeal)%n",
                    t.open(), t.linked());
            Timestamp anchor = anchor(intake, history);
            long from = history + 1;
            long to = history + missing;
            out.printf(Locale.ROOT, "adding history appeals %,d … %,d (%,d per day, newest at %s)%n", from, to,
                    o.perDay(), anchor.toInstant());
            Map<String, Set<String>> written = new LinkedHashMap<>();
            Map<String, List<Mix>> mixes = new LinkedHashMap<>();
            for (Map.Entry<String, Connection> e : dbs.entrySet()) {
                mixes.put(e.getKey(), mix(e.getValue(), real));
                written.put(e.getKey(), new LinkedHashSet<>());
            }
            for (long lo = from; lo <= to; lo += o.chunk()) {
                long hi = Math.min(to, lo + o.chunk() - 1);
                long chunkStart = System.nanoTime();
                for (Map.Entry<String, Connection> e : dbs.entrySet()) {
                    String db = e.getKey();
                    Connection c = e.getValue();
                    hist(c, lo, hi, anchor, t);
                    for (String table : caseTables(c, db)) {
                        if (copy(c, table) > 0) {
                            written.get(db).add(table);
                        }
                    }
                    if (processedEvents(c, mixes.get(db)) > 0) {
                        written.get(db).add("processed_event");
                    }
                    if (db.equals("jiesu_intake")) {
                        callerCounts(c);
                        written.get(db).add("caller_day_count");
                    }
                    if (db.equals("jiesu_analytics") && !strings(c, "SELECT to_regclass('place_day_count')::text")
                            .contains(null)) {
                        written.get(db).add("place_day_count"); // kept by case_fact's trigger
                    }
                    c.commit();
                }
                out.printf(Locale.ROOT, "  %,d … %,d written in %.1f s%n", lo, hi, (System.nanoTime() - chunkStart) / 1e9);
                out.flush();
            }
            long analyzeStart = System.nanoTime();
            for (Map.Entry<String, Connection> e : dbs.entrySet()) {
                Connection c = e.getValue();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    for (String table : written.get(e.getKey())) {
                        s.execute("ANALYZE " + table);
                    }
                }
            }
            out.printf(Locale.ROOT, "ANALYZE of %s in %.1f s%n", written.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                    (System.nanoTime() - analyzeStart) / 1e9);
            for (Map.Entry<String, Connection> e : dbs.entrySet()) {
                try (Statement s = e.getValue().createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
                    rs.next();
                    out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), rs.getString(1));
                }
            }
            out.printf(Locale.ROOT, "history: %,d appeals in intake_case now (%,d generated in %.1f s)%n",
                    single(intake, "SELECT count(*) FROM intake_case"), missing, (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (SQLException | RuntimeException e) {
            for (Connection c : dbs.values()) {
                try {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            throw e;
        } finally {
            for (Connection c : dbs.values()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // nothing to do
                }
            }
        }
    }

    record Templates(String open, String linked) {
    }

    /** An open dispatched case and a linked repeat of the platform's own that every database knows. */
    private Templates templates(Map<String, Connection> dbs) throws SQLException {
        String open = null;
        for (String id : strings(dbs.get("jiesu_intake"), "SELECT case_id FROM intake_case WHERE status = 'DISPATCHED'"
                + " AND linked_case_id IS NULL AND external_id NOT LIKE '" + EXTERNAL_PREFIX + "%'"
                + " AND caller_hash IS NOT NULL ORDER BY received_at DESC LIMIT 300")) {
            boolean everywhere = true;
            for (Map.Entry<String, String> e : DATABASES.entrySet()) {
                if (!e.getKey().equals("jiesu_intake") && strings(dbs.get(e.getKey()), "SELECT case_id FROM "
                        + e.getValue() + " WHERE case_id = '" + id + "'").isEmpty()) {
                    everywhere = false;
                    break;
                }
            }
            if (everywhere) {
                open = id;
                break;
            }
        }
        if (open == null) {
            throw new IllegalStateException("no dispatched case of the platform is in all five databases yet: run the"
                    + " benchmark once first and let it drain");
        }
        List<String> linked = strings(dbs.get("jiesu_intake"), "SELECT case_id FROM intake_case WHERE status = 'LINKED'"
                + " AND external_id NOT LIKE '" + EXTERNAL_PREFIX + "%' ORDER BY received_at DESC LIMIT 1");
        return new Templates(open, linked.isEmpty() ? open : linked.get(0));
    }

    /** The received time of history appeal 1: the newest; kept from the first run so that the history stays one. */
    private static Timestamp anchor(Connection intake, long history) throws SQLException {
        String sql = history > 0
                ? "SELECT received_at FROM intake_case WHERE case_id = '" + caseId(1) + "'"
                : "SELECT now() - interval '1 minute'";
        try (Statement s = intake.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("history appeal 1 (" + caseId(1) + ") is missing: the history was"
                        + " changed by hand");
            }
            return rs.getTimestamp(1);
        }
    }

    static String caseId(long g) {
        return CASE_PREFIX + String.format(Locale.ROOT, "%09d", g);
    }

    /**
     * The history appeals lo … hi as a temporary table {@code hist}: the same rows in every database (a function
     * of g and the reference data only), with the template case each one copies.
     */
    private void hist(Connection c, long lo, long hi, Timestamp anchor, Templates t) throws SQLException {
        String streets = array(reference.streets.stream().map(BenchAppeals.Street::code).toList());
        String districts = array(reference.streets.stream().map(BenchAppeals.Street::districtCode).toList());
        String categories = array(reference.categories.stream().map(BenchAppeals.Category::code).toList());
        int ns = reference.streets.size();
        int nc = reference.categories.size();
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS hist");
            s.execute(String.format(Locale.ROOT, """
                    CREATE TEMP TABLE hist AS
                    WITH base AS (
                      SELECT g,
                        CASE WHEN g %% 10 = 0 THEN ((g / 10) %% %3$d) * 7 %% %1$d ELSE (g * 31 + g / 97) %% %1$d END + 1 AS si,
                        CASE WHEN g %% 10 = 0 THEN ((g / 10) %% %3$d) * 3 %% %2$d ELSE (g * 11 + g / 89) %% %2$d END + 1 AS ci,
                        CASE WHEN g %% 50 = 0 THEN 'R' || ((g / 50) %% %4$d) ELSE 'C' || ((g * 7919) %% %5$d) END AS caller,
                        CASE WHEN g %% 100 = 0 THEN 'R' || ((g / 50) %% %4$d) || '-' || ((g / 100) %% 3)
                             ELSE 'X' || g END AS content,
                        timestamptz '%6$s' - (g - 1) * (interval '1 day' / %7$d) AS received_at,
                        (g %% 20 = 7) AS linked
                      FROM generate_series(%8$d::bigint, %9$d::bigint) g)
                    SELECT g,
                      'H' || lpad(g::text, 9, '0') AS case_id,
                      CASE WHEN linked THEN '%11$s' ELSE '%10$s' END AS template_id,
                      CASE WHEN linked THEN 'H' || lpad((g + 1)::text, 9, '0') END AS linked_case_id,
                      received_at,
                      (received_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
                      received_at > timestamptz '%6$s' - interval '1 day'
                        OR (received_at > timestamptz '%6$s' - interval '15 days' AND g %% 5 = 0) AS open,
                      encode(sha256(convert_to('history-caller-' || caller, 'UTF8')), 'hex') AS caller_hash,
                      '137' || lpad(((g * 7919) %% %5$d)::text, 8, '0') AS phone,
                      encode(sha256(convert_to('history-content-' || content, 'UTF8')), 'hex') AS content_hash,
                      (ARRAY[%12$s])[si::int] AS street_code,
                      (ARRAY[%13$s])[si::int] AS district_code,
                      (ARRAY[%14$s])[ci::int] AS category_code,
                      '历史地址' || ((g * 13) %% 20000) || '号' AS address
                    FROM base""", ns, nc, HOT_PLACES, RELENTLESS_CALLERS, CALLERS, anchor.toInstant(), o.perDay(), lo,
                    hi, t.open(), t.linked(), streets, districts, categories));
            // the shift of each history appeal against its template: every time column of the copy moves by it
            s.execute("ALTER TABLE hist ADD COLUMN shift interval");
            // (a linked repeat this database has no row of takes the open template's shift)
            String times = templateTimes(c);
            s.execute("UPDATE hist SET shift = received_at - coalesce("
                    + "(SELECT min(x.received_at) FROM (" + times + ") x WHERE x.case_id = hist.template_id), "
                    + "(SELECT min(x.received_at) FROM (" + times + ") x WHERE x.case_id = '" + t.open() + "'))");
            s.execute("ANALYZE hist");
        }
    }

    /** Where a database keeps a case's received time (the template's shift is measured from it). */
    private static String templateTimes(Connection c) throws SQLException {
        String db = c.getCatalog().substring(0, c.getCatalog().length() - SUFFIX.length());
        return switch (db) {
            case "jiesu_whistle" -> "SELECT case_id, updated_at AS received_at FROM case_lead";
            default -> "SELECT case_id, received_at FROM " + DATABASES.get(db);
        };
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    /** The tables of a database with a case_id column (the one-row-per-case table first), and durable_timer. */
    private static List<String> caseTables(Connection c, String db) throws SQLException {
        List<String> tables = new ArrayList<>();
        tables.add(DATABASES.get(db));
        for (String t : strings(c, "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema ="
                + " 'public' AND column_name = 'case_id' AND table_name NOT LIKE 'hist%' ORDER BY 1")) {
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
        tables.add("durable_timer");
        return tables;
    }

    record Column(String name, String type, boolean skip) {
    }

    /**
     * Copies the template case's rows of {@code table} once per history appeal, with the columns that make appeals
     * differ replaced; returns the rows written.
     */
    private static int copy(Connection c, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT column_name, data_type, is_generated = 'ALWAYS' OR coalesce(column_default, '') LIKE 'nextval(%'
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?
                ORDER BY ordinal_position""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        boolean timer = table.equals("durable_timer");
        Set<String> uniqueSuffixed = uniqueColumnsToSuffix(c, table, timer);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column col : columns) {
            if (col.skip()) {
                continue;
            }
            names.add(col.name());
            values.add(value(table, col, uniqueSuffixed.contains(col.name())));
        }
        String join = timer ? "t.subject = h.template_id" : "t.case_id = h.template_id";
        // finished timers are kept 30 days (jiesu.retention.finished-timers): older ones would have been deleted
        String where = timer ? " WHERE (h.open OR h.received_at > now() - interval '30 days')" : "";
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
                + " FROM hist h JOIN " + table + " t ON " + join + where;
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** The columns of unique indexes that do not already hold the case id: suffixed with the history number. */
    private static Set<String> uniqueColumnsToSuffix(Connection c, String table, boolean timer) throws SQLException {
        Set<String> result = new LinkedHashSet<>();
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.indexrelid::regclass::text, a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = ?::regclass AND i.indisunique""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        for (List<String> cols : indexes.values()) {
            if (cols.contains("case_id") || cols.contains("external_id") || (timer && cols.contains("subject"))
                    || cols.contains("id")) {
                continue;
            }
            result.addAll(cols);
        }
        return result;
    }

    static String value(String table, Column col, boolean suffix) {
        String n = col.name();
        String t = "t." + n;
        boolean time = col.type().startsWith("timestamp");
        switch (n) {
            case "case_id":
                return "h.case_id";
            case "subject":
                return table.equals("durable_timer") ? "h.case_id" : t;
            case "external_id":
                return "'" + EXTERNAL_PREFIX + "' || h.g";
            case "linked_case_id":
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h.linked_case_id END";
            case "caller_hash":
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h.caller_hash END";
            case "citizen_phone":
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h.phone END";
            case "content_hash":
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h.content_hash END";
            case "street_code", "district_code", "category_code":
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h." + n + " END";
            case "address":
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h.address END";
            case "unit_code":
                // the template was routed to its own street/town (属地): so is the history appeal
                return "CASE WHEN " + t + " IS NULL THEN NULL ELSE h.street_code END";
            case "day":
                return "h.day";
            default:
                break;
        }
        if (n.equals("status")) {
            return switch (table) {
                case "intake_case" -> "CASE WHEN " + t + " = 'LINKED' OR h.open THEN " + t + " ELSE 'VISITED' END";
                case "work_order" -> "CASE WHEN h.open THEN " + t + " ELSE 'COMPLETED' END";
                // a timer that would have fired by now did; the open ones of a completed case were cancelled
                case "durable_timer" -> "CASE WHEN " + t + " <> 'PENDING' THEN " + t
                        + " WHEN t.due_at + h.shift <= now() THEN 'FIRED' WHEN NOT h.open THEN 'CANCELLED'"
                        + " ELSE 'PENDING' END";
                default -> t;
            };
        }
        if (table.equals("durable_timer") && n.equals("fired_at")) {
            return "CASE WHEN t.status = 'PENDING' AND t.due_at + h.shift <= now() THEN t.due_at + h.shift"
                    + " ELSE " + t + " + h.shift END";
        }
        if (suffix) {
            return "CASE WHEN " + t + " IS NULL THEN NULL ELSE " + t + " || '~h' || h.g END";
        }
        if (time) {
            return t + " + h.shift";
        }
        if (col.type().equals("date")) {
            return "(" + t + " + h.shift)::date";
        }
        return t;
    }

    /** One consumer's and event type's share of the platform's processed_event rows per appeal so far. */
    private record Mix(int i, String consumer, String eventType, double perAppeal) {
    }

    private static List<Mix> mix(Connection c, long realAppeals) throws SQLException {
        List<Mix> mix = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT consumer, event_type, count(*) FROM processed_event WHERE event_id NOT LIKE 'history-%'"
                        + " GROUP BY 1, 2 ORDER BY 1, 2")) {
            while (rs.next()) {
                mix.add(new Mix(mix.size() + 1, rs.getString(1), rs.getString(2), rs.getLong(3) / (double) realAppeals));
            }
        }
        c.commit();
        return mix;
    }

    /**
     * processed_event rows of the history appeals of the last 14 days (jiesu.retention.processed-event: older ones
     * would have been deleted), in the platform's own mix per appeal.
     */
    private static int processedEvents(Connection c, List<Mix> mix) throws SQLException {
        int rows = 0;
        for (Mix m : mix) {
            int whole = (int) Math.floor(m.perAppeal());
            int permille = (int) Math.round((m.perAppeal() - whole) * 1000);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
                    SELECT ?, 'history-' || h.g || '-' || ? || '-' || k, ?, h.received_at + interval '2 seconds'
                    FROM hist h CROSS JOIN LATERAL generate_series(1,
                        ? + CASE WHEN (h.g * 7919 + ?) % 1000 < ? THEN 1 ELSE 0 END) k
                    WHERE h.received_at > now() - interval '14 days'""")) {
                ps.setString(1, m.consumer());
                ps.setInt(2, m.i());
                ps.setString(3, m.eventType());
                ps.setInt(4, whole);
                ps.setInt(5, m.i() * 101);
                ps.setInt(6, permille);
                rows += ps.executeUpdate();
            }
        }
        return rows;
    }

    /** intake's per caller and day counters of the last two days (jiesu.intake.abuse.counter-days). */
    private static void callerCounts(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO caller_day_count AS c (caller_hash, day, content_hash, appeals)
                    SELECT caller_hash, day, k, count(*) FROM (
                      SELECT caller_hash, day, '' AS k FROM hist
                      UNION ALL SELECT caller_hash, day, content_hash FROM hist) x
                    WHERE day >= (now() AT TIME ZONE 'Asia/Shanghai')::date - 1
                    GROUP BY 1, 2, 3
                    ON CONFLICT (caller_hash, day, content_hash) DO UPDATE SET appeals = c.appeals + EXCLUDED.appeals""");
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long v = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return v;
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
