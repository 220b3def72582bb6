package io.jiesu.platform.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static RetentionPolicy policy(int batchSize, int maxBatches, long vacuumDeadRows) {
        return new RetentionPolicy(Duration.ofDays(14), Duration.ofDays(30), batchSize, maxBatches, vacuumDeadRows,
                0.1, List.of("processed_event", "durable_timer"));
    }

    @Test
    void cutoffsAreNowMinusEachRetention() {
        RetentionPolicy p = policy(5000, 40, 10_000);
        assertEquals(Instant.parse("2026-11-22T12:00:00Z"), p.processedEventCutoff(NOW));
        assertEquals(Instant.parse("2026-11-06T12:00:00Z"), p.finishedTimerCutoff(NOW));
    }

    @Test
    void anotherBatchOnlyAfterAFullOneAndWithinTheRunsBudget() {
        RetentionPolicy p = policy(100, 3, 0);
        assertTrue(p.anotherBatch(1, 100), "a full batch: more may be due");
        assertFalse(p.anotherBatch(1, 99), "a short batch took the last due rows");
        assertFalse(p.anotherBatch(1, 0));
        assertTrue(p.anotherBatch(2, 100));
        assertFalse(p.anotherBatch(3, 100), "the run's budget is spent: the rest waits for the next run");
    }

    @Test
    void vacuumWhenDeadRowsReachTheThresholdPlusAShareOfTheLiveOnesAndNeverWhenItIsZero() {
        assertFalse(policy(100, 3, 10_000).vacuumDue(9_999, 0));
        assertTrue(policy(100, 3, 10_000).vacuumDue(10_000, 0));
        // a big table waits for a tenth of its rows to be dead: each vacuum's cost stays in proportion
        assertFalse(policy(100, 3, 10_000).vacuumDue(50_000, 1_000_000));
        assertTrue(policy(100, 3, 10_000).vacuumDue(110_000, 1_000_000));
        assertFalse(policy(100, 3, 0).vacuumDue(1_000_000, 0), "0 switches vacuuming off");
    }

    @Test
    void nonsenseSettingsAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ZERO, Duration.ofDays(30),
                100, 3, 0, 0.1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ofDays(14),
                Duration.ofDays(-1), 100, 3, 0, 0.1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> policy(0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> policy(100, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> policy(100, 3, -1));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ofDays(14),
                Duration.ofDays(30), 100, 3, 0, -0.1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ofDays(14),
                Duration.ofDays(30), 100, 3, 0, 0.1, List.of("processed_event; DROP TABLE work_order")));
    }
}
