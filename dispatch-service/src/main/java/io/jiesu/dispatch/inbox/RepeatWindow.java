package io.jiesu.dispatch.inbox;

import java.time.Duration;
import java.time.Instant;

/**
 * What a repeat appeal does to its case's notice interval — a plain rule, tested without a database. The first
 * repeat of an interval (no interval yet, or the last one is over) opens one and is notified at once; a repeat within
 * the open interval is only counted, and the interval's count goes out in one summary when it ends. A summary still
 * owed from an interval that is over goes out before the new interval opens (the timer may not have fired yet).
 *
 * @param windowStart the interval's first, notified repeat; null when the order had no repeat yet
 * @param windowEnd   when the interval ends (its summary is due)
 * @param pending     repeats of the interval counted but not notified yet
 */
public record RepeatWindow(Instant windowStart, Instant windowEnd, int pending) {
    public static final RepeatWindow NONE = new RepeatWindow(null, null, 0);

    /** What to do with a repeat appeal linked at {@code at}. */
    public enum Decision {
        /** Open a new interval and notify this repeat at once (after the owed summary, if any). */
        NOTIFY_AND_OPEN,
        /** Count it towards the open interval's summary. */
        COUNT
    }

    public Decision onRepeat(Instant at) {
        return windowEnd == null || !at.isBefore(windowEnd) ? Decision.NOTIFY_AND_OPEN : Decision.COUNT;
    }

    /** The interval a notified repeat at {@code at} opens. */
    public static RepeatWindow open(Instant at, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the repeat summary interval must be positive");
        }
        return new RepeatWindow(at, at.plus(interval), 0);
    }

    /** A summary is owed when repeats were counted and the interval is over at {@code now}. */
    public boolean summaryDue(Instant now) {
        return pending > 0 && windowEnd != null && !now.isBefore(windowEnd);
    }

    /** Whether this count is the interval's first counted repeat (then its summary timer is scheduled). */
    public boolean firstCounted() {
        return pending == 1;
    }
}
