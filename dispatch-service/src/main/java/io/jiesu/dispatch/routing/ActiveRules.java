package io.jiesu.dispatch.routing;

import jakarta.transaction.TransactionScoped;

import java.util.Comparator;
import java.util.List;

/**
 * The active routing rules as of the current transaction, most specific first: read once per transaction (one
 * consumer batch) instead of once per case. A rule changed through the admin API applies from the next transaction
 * on every instance.
 */
@TransactionScoped
public class ActiveRules {
    private List<RoutingRule> rules;

    List<RoutingRule> bySpecificity() {
        if (rules == null) {
            rules = RoutingRule.<RoutingRule>list("active", true).stream()
                    .sorted(Comparator.comparingInt(RoutingRule::specificity).reversed().thenComparing(r -> r.id))
                    .toList();
        }
        return rules;
    }
}
