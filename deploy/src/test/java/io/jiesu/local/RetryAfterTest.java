package io.jiesu.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-07T16:00:00Z");

    @Test
    void deltaSecondsAsIntakeSendsThem() {
        assertEquals(Duration.ofSeconds(1), RetryAfter.of("1", NOW));
        assertEquals(Duration.ofSeconds(7), RetryAfter.of(" 7 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.of("0", NOW));
    }

    @Test
    void anHttpDateIsTheTimeUntilThen() {
        assertEquals(Duration.ofSeconds(3), RetryAfter.of("Mon, 07 Dec 2026 16:00:03 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.of("Mon, 07 Dec 2026 15:59:00 GMT", NOW), "a date passed: at once");
    }

    @Test
    void noOrAnUnreadableHeaderWaitsTheDefault() {
        assertEquals(RetryAfter.WHEN_ABSENT, RetryAfter.of(null, NOW));
        assertEquals(RetryAfter.WHEN_ABSENT, RetryAfter.of("", NOW));
        assertEquals(RetryAfter.WHEN_ABSENT, RetryAfter.of("soon", NOW));
        assertEquals(RetryAfter.WHEN_ABSENT, RetryAfter.of("-5", NOW));
    }

    @Test
    void aVeryLongWaitIsCapped() {
        assertEquals(RetryAfter.CAP, RetryAfter.of("3600", NOW));
        assertEquals(RetryAfter.CAP, RetryAfter.of("99999999999999999999999", NOW));
    }
}
