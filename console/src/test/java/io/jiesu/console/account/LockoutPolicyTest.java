package io.jiesu.console.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockoutPolicyTest {
    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    final LockoutPolicy policy = new LockoutPolicy(5, Duration.ofMinutes(15));

    @Test
    void theFifthWrongPasswordInARowLocksForTheDuration() {
        int failures = 0;
        for (int i = 1; i <= 4; i++) {
            LockoutPolicy.Failure f = policy.afterWrongPassword(failures, NOW);
            assertFalse(f.locked());
            assertEquals(i, f.failedAttempts());
            failures = f.failedAttempts();
        }
        LockoutPolicy.Failure fifth = policy.afterWrongPassword(failures, NOW);
        assertTrue(fifth.locked());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), fifth.lockedUntil());
        assertEquals(0, fifth.failedAttempts(), "the count starts again after the lock");
    }

    @Test
    void aLockHoldsUntilItsEndAndNoLongerThan() {
        Instant until = NOW.plus(Duration.ofMinutes(15));
        assertTrue(policy.isLocked(until, NOW));
        assertTrue(policy.isLocked(until, until.minusMillis(1)));
        assertFalse(policy.isLocked(until, until));
        assertFalse(policy.isLocked(null, NOW));
        assertNull(policy.afterWrongPassword(0, NOW).lockedUntil());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LockoutPolicy(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LockoutPolicy(3, Duration.ZERO));
    }
}
