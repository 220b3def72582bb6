package io.jiesu.intake.caller;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code caller_day_count} must not grow with history: only today's counts are ever read, so the rows of days older
 * than {@code jiesu.intake.abuse.counter-days} (2) are deleted every {@code jiesu.retention.every}, in bounded
 * batches, each its own short autocommit transaction. The table is in intake's {@code jiesu.retention.vacuum-tables}:
 * the kit's retention vacuums it once enough dead rows piled up (the counters' updates leave some too).
 */
@ApplicationScoped
public class CallerCountRetention {
    private static final Logger LOG = Logger.getLogger(CallerCountRetention.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int BATCH = 5_000;
    private static final int MAX_BATCHES = 40;
    private static final String DELETE = """
            DELETE FROM caller_day_count WHERE ctid = ANY (ARRAY (
                SELECT ctid FROM caller_day_count WHERE day < ? LIMIT ?)) AND day < ?""";

    private final AgroalDataSource dataSource;
    private final int keepDays;

    CallerCountRetention(AgroalDataSource dataSource,
            @ConfigProperty(name = "jiesu.intake.abuse.counter-days", defaultValue = "2") int keepDays) {
        this.dataSource = dataSource;
        this.keepDays = Math.max(1, keepDays);
    }

    @Scheduled(every = "${jiesu.retention.every:5m}", delayed = "${jiesu.retention.first-after:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int deleted = deleteBefore(LocalDate.now(BEIJING).minusDays(keepDays - 1L));
            if (deleted > 0) {
                LOG.infof("deleted %d caller_day_count rows of days before the last %d", deleted, keepDays);
            }
        } catch (SQLException e) {
            LOG.warnf("caller_day_count retention failed (next run tries again): %s", e.getMessage());
        }
    }

    /** Deletes the counts of days before {@code firstKept}; returns how many rows went. */
    int deleteBefore(LocalDate firstKept) throws SQLException {
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
            c.setAutoCommit(true);
            for (int i = 0; i < MAX_BATCHES; i++) {
                ps.setDate(1, Date.valueOf(firstKept));
                ps.setInt(2, BATCH);
                ps.setDate(3, Date.valueOf(firstKept));
                int n = ps.executeUpdate();
                total += n;
                if (n < BATCH) {
                    break;
                }
            }
        }
        return total;
    }
}
