package io.jiesu.platform.retention;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the kit's bookkeeping tables from growing with history (issue 18): every {@code jiesu.retention.every} it
 * deletes {@code processed_event} rows older than {@code jiesu.retention.processed-event} and finished
 * {@code durable_timer} rows older than {@code jiesu.retention.finished-timers}, in bounded batches
 * ({@link RetentionPolicy}), and then vacuums the tables whose dead rows piled up — itself, since autovacuum may be
 * off (it is on this project's machines). A service's own tables join the same run as {@link RetentionTarget} beans
 * (e.g. intake's per-caller counters). {@code outbox_event} needs nothing here: the relay deletes each row once
 * Kafka acknowledged it and vacuums the table itself.
 *
 * <p>Plain JDBC in autocommit: each batch's DELETE is its own short transaction and VACUUM cannot run inside one. Any
 * number of instances may run it: a run first takes a session advisory lock with {@code pg_try_advisory_lock} and
 * skips when another instance holds it; the deletes repeat their condition, so a timer scheduled again meanwhile
 * (PENDING once more) is never deleted.
 */
@ApplicationScoped
public class BookkeepingRetention {
    private static final Logger LOG = Logger.getLogger(BookkeepingRetention.class);
    static final String PROCESSED_EVENT = "processed_event";
    static final String DURABLE_TIMER = "durable_timer";

    // ctid: the cheapest way to a row; the outer condition is checked again on the row deleted
    private static final String DELETE_PROCESSED = """
            DELETE FROM processed_event WHERE ctid = ANY (ARRAY (
                SELECT ctid FROM processed_event WHERE processed_at < ? LIMIT ?)) AND processed_at < ?""";
    // by key, with the condition repeated: a timer moved back to PENDING by DurableTimers.schedule stays
    private static final String DELETE_FINISHED_TIMERS = """
            DELETE FROM durable_timer WHERE id = ANY (ARRAY (
                SELECT id FROM durable_timer WHERE status <> 'PENDING' AND updated_at < ? LIMIT ?
                FOR UPDATE SKIP LOCKED)) AND status <> 'PENDING' AND updated_at < ?""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry metrics;
    @Inject
    Instance<RetentionTarget> targets;

    @ConfigProperty(name = "jiesu.retention.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "jiesu.retention.processed-event", defaultValue = "P14D")
    Duration processedEvents;
    @ConfigProperty(name = "jiesu.retention.finished-timers", defaultValue = "P30D")
    Duration finishedTimers;
    @ConfigProperty(name = "jiesu.retention.batch-size", defaultValue = "5000")
    int batchSize;
    @ConfigProperty(name = "jiesu.retention.max-batches", defaultValue = "40")
    int maxBatches;
    @ConfigProperty(name = "jiesu.retention.vacuum-dead-rows", defaultValue = "10000")
    long vacuumDeadRows;
    @ConfigProperty(name = "jiesu.retention.vacuum-scale-factor", defaultValue = "0.1")
    double vacuumScaleFactor;
    @ConfigProperty(name = "jiesu.retention.vacuum-tables", defaultValue = "processed_event,durable_timer")
    List<String> vacuumTables;
    @ConfigProperty(name = "quarkus.application.name", defaultValue = "service")
    String serviceName;

    private RetentionPolicy policy;
    private long lockKey;

    void onStart(@Observes StartupEvent event) {
        policy = new RetentionPolicy(processedEvents, finishedTimers, batchSize, maxBatches, vacuumDeadRows,
                vacuumScaleFactor, vacuumTables);
        lockKey = ("jiesu-retention:" + serviceName).hashCode();
        for (String table : List.of(PROCESSED_EVENT, DURABLE_TIMER)) {
            metrics.counter("jiesu.retention.deleted", "table", table);
        }
        for (RetentionTarget target : targets) {
            metrics.counter("jiesu.retention.deleted", "table", target.table());
        }
        for (String table : policy.vacuumTables()) {
            metrics.counter("jiesu.retention.vacuums", "table", table);
        }
        if (!enabled) {
            LOG.warn("bookkeeping retention disabled (jiesu.retention.enabled=false): processed_event and finished "
                    + "timers grow with history");
        }
    }

    @Scheduled(every = "${jiesu.retention.every:5m}", delayed = "${jiesu.retention.first-after:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            run(Instant.now());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("bookkeeping retention failed (the next run retries): %s", e.toString());
        }
    }

    /** What one run did: rows deleted per table, and the tables vacuumed; {@code skipped} when another ran it. */
    public record Result(boolean skipped, Map<String, Integer> deleted, List<String> vacuumed) {
        public int total() {
            return deleted.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One run as of {@code now}. */
    public Result run(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                return new Result(true, Map.of(), List.of());
            }
            try {
                Map<String, Integer> deleted = new LinkedHashMap<>();
                Instant processedCutoff = policy.processedEventCutoff(now);
                Instant timerCutoff = policy.finishedTimerCutoff(now);
                deleted.put(PROCESSED_EVENT, deleteInBatches(connection, PROCESSED_EVENT, DELETE_PROCESSED,
                        Timestamp.from(processedCutoff)));
                deleted.put(DURABLE_TIMER, deleteInBatches(connection, DURABLE_TIMER, DELETE_FINISHED_TIMERS,
                        Timestamp.from(timerCutoff)));
                for (RetentionTarget target : targets) {
                    deleted.put(target.table(), deleteInBatches(connection, target.table(), target.deleteBatch(),
                            target.cutoff(now)));
                }
                List<String> vacuumed = vacuumWhereDue(connection, deleted);
                if (deleted.values().stream().anyMatch(n -> n > 0) || !vacuumed.isEmpty()) {
                    LOG.infof("retention: deleted %s (processed_event before %s, finished timers before %s);"
                            + " vacuumed %s", deleted, processedCutoff, timerCutoff, vacuumed);
                }
                return new Result(false, deleted, vacuumed);
            } finally {
                unlock(connection);
            }
        }
    }

    private int deleteInBatches(Connection connection, String table, String sql, Object cutoff) throws SQLException {
        int total = 0;
        int batches = 0;
        int last;
        do {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setObject(1, cutoff);
                ps.setInt(2, policy.batchSize());
                ps.setObject(3, cutoff);
                last = ps.executeUpdate(); // autocommit: this batch is committed here
            }
            batches++;
            total += last;
            metrics.counter("jiesu.retention.deleted", "table", table).increment(last);
        } while (policy.anotherBatch(batches, last));
        return total;
    }

    private List<String> vacuumWhereDue(Connection connection, Map<String, Integer> deleted) {
        List<String> vacuumed = new ArrayList<>();
        for (String table : policy.vacuumTables()) {
            try {
                // the statistics may not count this run's deletes yet: take whichever is larger
                long[] stats = deadAndLiveRows(connection, table);
                long dead = Math.max(stats[0], deleted.getOrDefault(table, 0));
                if (!policy.vacuumDue(dead, stats[1])) {
                    continue;
                }
                long started = System.nanoTime();
                try (PreparedStatement vacuum = connection.prepareStatement("VACUUM (ANALYZE) " + table)) {
                    vacuum.execute();
                }
                metrics.counter("jiesu.retention.vacuums", "table", table).increment();
                vacuumed.add(table);
                LOG.debugf("vacuumed %s (%d dead rows) in %d ms", table, dead,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (SQLException e) {
                // not fatal: the table only stays larger until the next run
                LOG.warnf("vacuum of %s failed: %s", table, e.getMessage());
            }
        }
        return vacuumed;
    }

    /** Dead and live rows of a table as PostgreSQL's statistics count them (kept with autovacuum off too). */
    private static long[] deadAndLiveRows(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT n_dead_tup, n_live_tup FROM pg_stat_user_tables WHERE relid = to_regclass(?)""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void unlock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, lockKey);
            ps.execute();
        }
    }

    /** The rule this instance runs with (configuration read at start). */
    public RetentionPolicy policy() {
        return policy;
    }
}
