package io.jiesu.platform.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchBudgetTest {
    private final BatchBudget budget = new BatchBudget(Duration.ofSeconds(60), Duration.ofSeconds(15));

    @Test
    void aHalfGetsHalfItsParentsBudgetButNeverLessThanARecords() {
        assertEquals(Duration.ofSeconds(30), budget.halfOf(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(15), budget.halfOf(Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(15), budget.halfOf(Duration.ofSeconds(15)));
    }

    @Test
    void halvesKeepTheOrderAndEveryRecord() {
        List<Integer> batch = IntStream.range(0, 7).boxed().toList();
        List<List<Integer>> halves = BatchBudget.halves(batch);
        assertEquals(List.of(0, 1, 2), halves.get(0));
        assertEquals(List.of(3, 4, 5, 6), halves.get(1));
        assertThrows(IllegalArgumentException.class, () -> BatchBudget.halves(List.of(1)));
    }

    @Test
    void isolatingOneSlowRecordCostsAboutTwiceTheBatchBudgetNotTheBatchSizeTimesTheAttempts() {
        // 947 records (the burst in the issue): 947 → 474 → 237 → 119 → 60 → 30 → 15 → 8 → 4 → 2 → 1, ten tries that
        // fail on the way down: 60 + 30 + 15 × 8 = 210 s. Retrying the whole batch five times cost 5 × 60 = 300 s
        // and never got through.
        assertEquals(Duration.ofSeconds(210), budget.worstCaseToIsolate(947));
        assertEquals(Duration.ofSeconds(60), budget.worstCaseToIsolate(2));
        assertEquals(Duration.ZERO, budget.worstCaseToIsolate(1));
    }

    @Test
    void budgetsThatDisagreeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BatchBudget(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> new BatchBudget(Duration.ZERO, Duration.ZERO));
        assertEquals(1, BatchBudget.seconds(Duration.ofMillis(1)));
        assertEquals(3, BatchBudget.seconds(Duration.ofMillis(2500)));
    }
}
