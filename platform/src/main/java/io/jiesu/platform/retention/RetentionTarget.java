package io.jiesu.platform.retention;

import java.time.Instant;

/**
 * A table of a service's own that the kit's {@link BookkeepingRetention} keeps from growing with history, next to
 * {@code processed_event} and finished timers: in the same run, under the same lock, in the same bounded batches
 * (each its own autocommit transaction), counted in the same metric. A service declares one as a CDI bean; it adds
 * the table to {@code jiesu.retention.vacuum-tables} when its deletes should be vacuumed too.
 */
public interface RetentionTarget {
    /** The table, as named in logs and in the {@code jiesu.retention.deleted} metric. */
    String table();

    /**
     * One batch's DELETE with three parameters: the cutoff, the batch size, the cutoff again (the condition repeated on
     * the row deleted, as the kit's own deletes do).
     */
    String deleteBatch();

    /** The cutoff as of {@code now}, as a JDBC value ({@code Timestamp}, {@code Date}…). */
    Object cutoff(Instant now);
}
