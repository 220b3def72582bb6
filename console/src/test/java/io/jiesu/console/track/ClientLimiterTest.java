package io.jiesu.console.track;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain: the console's first line per client address. */
class ClientLimiterTest {
    static final TrackConfig THREE_PER_MINUTE = new TrackConfig() {
        @Override
        public int maxLookups() {
            return 3;
        }

        @Override
        public Duration window() {
            return Duration.ofMinutes(1);
        }
    };

    @Test
    void theFourthLookupInTheWindowWaitsUntilTheFirstLeavesIt() {
        ClientLimiter limiter = new ClientLimiter(THREE_PER_MINUTE);
        Instant t = Instant.parse("2026-12-07T02:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.attempt("198.51.100.7", t.plusSeconds(i)).isEmpty());
        }
        assertEquals(Duration.ofSeconds(57), limiter.attempt("198.51.100.7", t.plusSeconds(3)).orElseThrow());
        assertTrue(limiter.attempt("198.51.100.8", t.plusSeconds(3)).isEmpty(), "another client is not affected");
        assertTrue(limiter.attempt("198.51.100.7", t.plusSeconds(61)).isEmpty());
    }
}
