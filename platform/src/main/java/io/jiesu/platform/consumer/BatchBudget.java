package io.jiesu.platform.consumer;

import java.time.Duration;
import java.util.List;

/**
 * How long one try of a batch may take, and how a batch that did not make it is divided (issue: "after a burst, every
 * service recovers by itself"). A poll's whole batch gets {@code batchTimeout}; a batch that fails for time or for a
 * reason that is not its data is halved, and each half gets half of its parent's budget, never less than
 * {@code recordTimeout}. So the tries along the way down to one slow record cost at most about twice the batch budget
 * (1 + 1/2 + 1/4 …), whatever the batch size — instead of retrying the whole batch, each try as slow as the last.
 */
public record BatchBudget(Duration batchTimeout, Duration recordTimeout) {

    public BatchBudget {
        if (batchTimeout.isNegative() || batchTimeout.isZero() || recordTimeout.isNegative() || recordTimeout.isZero()) {
            throw new IllegalArgumentException("batch and record timeouts must be positive");
        }
        if (recordTimeout.compareTo(batchTimeout) > 0) {
            throw new IllegalArgumentException("a record's timeout (" + recordTimeout
                    + ") cannot exceed the whole batch's (" + batchTimeout + ")");
        }
    }

    /** The budget of one half of a batch whose own budget was {@code parent}. */
    public Duration halfOf(Duration parent) {
        Duration half = parent.dividedBy(2);
        return half.compareTo(recordTimeout) < 0 ? recordTimeout : half;
    }

    /** The two halves of a batch, in order (the first half is applied completely before the second). */
    public static <T> List<List<T>> halves(List<T> batch) {
        if (batch.size() < 2) {
            throw new IllegalArgumentException("a batch of " + batch.size() + " cannot be halved");
        }
        int middle = batch.size() / 2;
        return List.of(batch.subList(0, middle), batch.subList(middle, batch.size()));
    }

    /**
     * The time a poll can spend on its way down to one slow record: the tries of the halves that contain it (the
     * other halves succeed), before that record's own retries. Used to check budgets against each other and shown in
     * the README's arithmetic.
     */
    public Duration worstCaseToIsolate(int batchSize) {
        Duration total = Duration.ZERO;
        Duration budget = batchTimeout;
        for (int size = batchSize; size > 1; size = (size + 1) / 2) {
            total = total.plus(budget);
            budget = halfOf(budget);
        }
        return total;
    }

    /** Whole seconds for a JTA transaction timeout (at least one). */
    public static int seconds(Duration budget) {
        return (int) Math.max(1, (budget.toMillis() + 999) / 1000);
    }
}
