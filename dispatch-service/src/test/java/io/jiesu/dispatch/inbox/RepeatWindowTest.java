package io.jiesu.dispatch.inbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repeat-notice interval rule on its own. */
class RepeatWindowTest {
    static final Instant T0 = Instant.parse("2026-12-07T02:30:00Z");
    static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void theFirstRepeatEverIsNotifiedAndOpensAnInterval() {
        assertEquals(RepeatWindow.Decision.NOTIFY_AND_OPEN, RepeatWindow.NONE.onRepeat(T0));
        RepeatWindow w = RepeatWindow.open(T0, TEN_MINUTES);
        assertEquals(T0.plus(TEN_MINUTES), w.windowEnd());
        assertEquals(0, w.pending());
        assertFalse(w.summaryDue(T0.plus(TEN_MINUTES)), "nothing counted, nothing to sum up");
    }

    @Test
    void repeatsWithinTheIntervalAreCountedAndSummedUpWhenItEnds() {
        RepeatWindow w = new RepeatWindow(T0, T0.plus(TEN_MINUTES), 0);
        assertEquals(RepeatWindow.Decision.COUNT, w.onRepeat(T0.plusSeconds(1)));
        assertEquals(RepeatWindow.Decision.COUNT, w.onRepeat(T0.plus(TEN_MINUTES).minusMillis(1)));
        RepeatWindow counted = new RepeatWindow(T0, T0.plus(TEN_MINUTES), 1);
        assertTrue(counted.firstCounted(), "the first counted repeat schedules the summary");
        RepeatWindow many = new RepeatWindow(T0, T0.plus(TEN_MINUTES), 49);
        assertFalse(many.firstCounted());
        assertFalse(many.summaryDue(T0.plus(TEN_MINUTES).minusMillis(1)));
        assertTrue(many.summaryDue(T0.plus(TEN_MINUTES)));
    }

    @Test
    void aRepeatAfterTheIntervalIsNotifiedAgainAfterTheOwedSummary() {
        RepeatWindow over = new RepeatWindow(T0, T0.plus(TEN_MINUTES), 3);
        Instant later = T0.plus(TEN_MINUTES);
        assertEquals(RepeatWindow.Decision.NOTIFY_AND_OPEN, over.onRepeat(later));
        assertTrue(over.summaryDue(later), "the timer may not have fired yet: the summary goes first");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> RepeatWindow.open(T0, Duration.ZERO));
    }
}
