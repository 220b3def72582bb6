package io.jiesu.intake.caller;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The abusive-calling rule on the day's counters: the same thresholds the former row-by-row check applied. */
class AbuseLimitsTest {
    private final AbuseLimits limits = new AbuseLimits(10, 3);

    @Test
    void theEleventhAppealOfADayIsOverTheDailyLimitTheTenthIsNot() {
        assertEquals(Optional.empty(), limits.breach(10, 1));
        assertEquals(Optional.of("more than 10 appeals in one day"), limits.breach(11, 1));
        assertEquals(Optional.of("more than 10 appeals in one day"), limits.breach(10_000, 1));
    }

    @Test
    void theThirdIdenticalAppealIsFlaggedTheSecondIsNot() {
        assertEquals(Optional.empty(), limits.breach(2, 2));
        assertEquals(Optional.of("3 appeals with identical content in one day (limit 3)"), limits.breach(3, 3));
    }

    @Test
    void theDailyLimitIsNamedFirstWhenBothApply() {
        assertTrue(limits.breach(12, 5).orElseThrow().startsWith("more than 10"));
    }
}
