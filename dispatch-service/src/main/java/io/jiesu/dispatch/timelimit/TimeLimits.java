package io.jiesu.dispatch.timelimit;

import io.jiesu.contract.event.Enums;
import jakarta.transaction.TransactionScoped;

import java.util.Comparator;
import java.util.List;

/**
 * The time-limit policy as of the current transaction: read once per transaction instead of once per deadline.
 * A consumer batch dispatches hundreds of orders in one transaction, each needing the policy four times; a change
 * through the admin API is seen by the next transaction on every instance (nothing is cached across transactions).
 */
@TransactionScoped
public class TimeLimits {
    private List<TimeLimitPolicy> policies;

    /** The matching row with the highest priority. */
    public TimeLimitPolicy applicable(Enums.Urgency urgency, Enums.AppealType type) {
        if (policies == null) {
            policies = TimeLimitPolicy.listAll();
        }
        return policies.stream()
                .filter(p -> (p.urgency == null || p.urgency.equals(urgency.name()))
                        && (p.appealType == null || p.appealType.equals(type.name())))
                .max(Comparator.comparingInt(p -> p.priority))
                .orElseThrow(() -> new IllegalStateException("time_limit_policy has no row for " + urgency + "/" + type));
    }
}
