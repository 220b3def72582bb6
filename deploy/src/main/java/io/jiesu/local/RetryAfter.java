package io.jiesu.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} of a refusal (RFC 9110 §10.2.3: delta-seconds or an HTTP-date), for the benchmark's
 * request slots: a refused request's slot stays taken until then, so that the benchmark, like a polite client,
 * does not knock again before intake said it may.
 */
final class RetryAfter {
    /** No or an unreadable header: intake's own refusals always carry one, so this is a guess (its default is 1 s). */
    static final Duration WHEN_ABSENT = Duration.ofSeconds(1);
    /** A longer wait than this is taken as this: a run must not stall on one odd header. */
    static final Duration CAP = Duration.ofSeconds(30);

    private RetryAfter() {
    }

    /** How long to wait, from {@code now}, for the header's value ({@code null}: no header). */
    static Duration of(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return WHEN_ABSENT;
        }
        String v = value.trim();
        Duration d;
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                d = Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                d = CAP; // more digits than a long: far too long anyway
            }
        } else {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return WHEN_ABSENT;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
