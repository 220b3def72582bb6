package io.jiesu.analytics.insight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spike rule on counts alone (the counters give the same counts the case rows gave). */
class SpikeRuleTest {
    private final SpikeRule rule = new SpikeRule(14, 5, 3);

    @Test
    void belowTheMinimumCountIsNeverASpikeAndNeedsNoBaseline() {
        assertFalse(rule.mayBeSpike(4));
        assertTrue(rule.test(4, List.of()).isEmpty());
        assertTrue(rule.mayBeSpike(5));
    }

    @Test
    void theFifthAppealOnAQuietPlaceIsASpike() {
        // baseline all zeros: mean 0, stddev 0 → threshold 0 + 3 * max(0, 1) = 3
        SpikeRule.Spike s = rule.test(5, List.of()).orElseThrow();
        assertEquals(5, s.count());
        assertEquals(0.0, s.mean(), 1e-12);
        assertEquals(0.0, s.stddev(), 1e-12);
    }

    @Test
    void missingDaysCountAsZerosInTheBaseline() {
        // one appeal on 7 of 14 days: mean 0.5, population stddev 0.5 → threshold 3.5
        List<Integer> baseline = List.of(1, 1, 1, 1, 1, 1, 1);
        SpikeRule.Spike s = rule.test(5, baseline).orElseThrow();
        assertEquals(0.5, s.mean(), 1e-12);
        assertEquals(0.5, s.stddev(), 1e-12);
    }

    @Test
    void aBusyPlaceNeedsMoreThanMeanPlusThreeSigmas() {
        // ten a day for 14 days: mean 10, stddev 0 → threshold 10 + 3 * 1 = 13
        List<Integer> baseline = java.util.Collections.nCopies(14, 10);
        assertTrue(rule.test(13, baseline).isEmpty(), "equal to the threshold is not above it");
        assertEquals(14, rule.test(14, baseline).orElseThrow().count());
    }

    @Test
    void theRuleIsDescribedAsBefore() {
        assertEquals("count >= 5 and count > mean + 3 * max(stddev, 1) over the previous 14 days "
                + "(category × street/town × Beijing day)", rule.describe());
        assertEquals("count >= 5 and count > mean + 2.5 * max(stddev, 1) over the previous 7 days "
                + "(category × street/town × Beijing day)", new SpikeRule(7, 5, 2.5).describe());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpikeRule(0, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> new SpikeRule(14, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new SpikeRule(14, 5, -1));
    }

    @Test
    void aDayCountedInOnePollReportsTheCountThatCrossedTheThreshold() {
        // baseline mean 0.5, stddev 0.5: threshold 3.5, so the fifth appeal (min-count) crossed it
        List<Integer> baseline = List.of(1, 1, 1, 1, 1, 1, 1);
        assertEquals(5, rule.crossed(9, baseline).orElseThrow().count());
        assertEquals(0.5, rule.crossed(9, baseline).orElseThrow().mean(), 1e-12);
        assertTrue(rule.crossed(4, baseline).isEmpty());
        // a busier place: mean 10, stddev 0 → threshold 13, the 14th appeal crossed it
        List<Integer> busy = java.util.Collections.nCopies(14, 10);
        assertEquals(14, rule.crossed(20, busy).orElseThrow().count());
        assertEquals(14, rule.crossed(14, busy).orElseThrow().count());
        assertTrue(rule.crossed(13, busy).isEmpty());
    }
}
