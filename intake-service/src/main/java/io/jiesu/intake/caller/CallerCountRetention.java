package io.jiesu.intake.caller;

import io.jiesu.platform.retention.RetentionTarget;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code caller_day_count} must not grow with history: only today's counts are ever read, so the rows of days older
 * than {@code jiesu.intake.abuse.counter-days} (2) are deleted by the kit's bookkeeping retention
 * ({@code BookkeepingRetention}: every {@code jiesu.retention.every}, bounded batches, each its own short transaction).
 * The table is in intake's {@code jiesu.retention.vacuum-tables}: the same run vacuums it once enough dead rows piled
 * up (the counters' updates leave some too).
 */
@ApplicationScoped
public class CallerCountRetention implements RetentionTarget {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final int keepDays;

    CallerCountRetention(@ConfigProperty(name = "jiesu.intake.abuse.counter-days", defaultValue = "2") int keepDays) {
        this.keepDays = Math.max(1, keepDays);
    }

    @Override
    public String table() {
        return "caller_day_count";
    }

    @Override
    public String deleteBatch() {
        return """
                DELETE FROM caller_day_count WHERE ctid = ANY (ARRAY (
                    SELECT ctid FROM caller_day_count WHERE day < ? LIMIT ?)) AND day < ?""";
    }

    /** The first day kept: today (Beijing) and the {@code keepDays - 1} before it stay. */
    @Override
    public Object cutoff(Instant now) {
        return Date.valueOf(LocalDate.ofInstant(now, BEIJING).minusDays(keepDays - 1L));
    }
}
