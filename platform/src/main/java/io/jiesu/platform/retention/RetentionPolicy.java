package io.jiesu.platform.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@link BookkeepingRetention} may delete and how much work one run does — a plain rule, tested without a
 * database.
 *
 * <ul>
 * <li>a {@code processed_event} row is due once it is older than {@code processedEvents}: from then on a
 * redelivery or replay of that event is not de-duplicated by the table any more (docs/architecture.md, "Retention
 * of the kit's bookkeeping");</li>
 * <li>a finished {@code durable_timer} row (FIRED, CANCELLED or FAILED) is due once it finished longer than
 * {@code finishedTimers} ago; PENDING timers are never due, however old;</li>
 * <li>deletes go in batches of {@code batchSize} rows, each its own short transaction, at most {@code maxBatches}
 * per table and run — what is left waits for the next run, so a run never holds locks or the CPU for long;</li>
 * <li>a table is vacuumed when its dead rows reach {@code vacuumDeadRows} plus {@code vacuumScaleFactor} times its
 * live rows (autovacuum's own formula; 0 rows: never). A vacuum reads the table's indexes whole, so the share keeps
 * its cost proportional to the rows deleted, whatever the table's size.</li>
 * </ul>
 */
public record RetentionPolicy(Duration processedEvents, Duration finishedTimers, int batchSize, int maxBatches,
        long vacuumDeadRows, double vacuumScaleFactor, List<String> vacuumTables) {
    /** Finished timer states: a row in one of them is never read again by the poller. */
    public static final List<String> FINISHED_TIMER_STATES = List.of("FIRED", "CANCELLED", "FAILED");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public RetentionPolicy {
        requirePositive("jiesu.retention.processed-event", processedEvents);
        requirePositive("jiesu.retention.finished-timers", finishedTimers);
        if (batchSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("jiesu.retention.batch-size and max-batches must be at least 1");
        }
        if (vacuumDeadRows < 0) {
            throw new IllegalArgumentException("jiesu.retention.vacuum-dead-rows must be 0 (never) or more");
        }
        if (vacuumScaleFactor < 0 || Double.isNaN(vacuumScaleFactor)) {
            throw new IllegalArgumentException("jiesu.retention.vacuum-scale-factor must be 0 or more");
        }
        vacuumTables = List.copyOf(vacuumTables);
        for (String table : vacuumTables) {
            // the name goes into a VACUUM statement, which takes no parameters
            if (!TABLE_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("jiesu.retention.vacuum-tables: not a plain table name: " + table);
            }
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    /** processed_event rows processed before this instant are due. */
    public Instant processedEventCutoff(Instant now) {
        return now.minus(processedEvents);
    }

    /** Finished timers last changed before this instant are due. */
    public Instant finishedTimerCutoff(Instant now) {
        return now.minus(finishedTimers);
    }

    /**
     * Whether to delete another batch of a table in this run: only when the last batch was full (more may be due) and
     * the run's budget of batches for the table is not spent.
     */
    public boolean anotherBatch(int batchesDone, int lastDeleted) {
        return lastDeleted >= batchSize && batchesDone < maxBatches;
    }

    /** Whether a table with these dead and live rows is to be vacuumed now. */
    public boolean vacuumDue(long deadRows, long liveRows) {
        return vacuumDeadRows > 0 && deadRows >= vacuumDeadRows + vacuumScaleFactor * Math.max(liveRows, 0);
    }
}
