package io.jiesu.console.account;

import java.time.Duration;
import java.time.Instant;

/**
 * Lockout after repeated wrong passwords: the {@code maxFailures}-th wrong password in a row locks the account for
 * {@code duration}; while locked even the right password is refused (and not counted), so guessing gains nothing; a
 * successful sign-in or an administrator's reset clears the count.
 */
public record LockoutPolicy(int maxFailures, Duration duration) {

    public LockoutPolicy {
        if (maxFailures < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lockout needs maxFailures >= 1 and a positive duration");
        }
    }

    public boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** The state after one more wrong password. */
    public Failure afterWrongPassword(int failuresSoFar, Instant now) {
        int failures = failuresSoFar + 1;
        return failures >= maxFailures ? new Failure(0, now.plus(duration)) : new Failure(failures, null);
    }

    /** What an account records after a wrong password: the running count, and the lock if this one tipped it. */
    public record Failure(int failedAttempts, Instant lockedUntil) {
        public boolean locked() {
            return lockedUntil != null;
        }
    }
}
