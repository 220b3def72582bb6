package io.jiesu.dispatch.routing;

import io.jiesu.contract.reference.ReferenceData;
import jakarta.transaction.TransactionScoped;

/**
 * The active routing rules as of the current transaction: read once per transaction (one consumer batch) instead of
 * once per case. A rule changed through the admin API applies from the next transaction on every instance.
 */
@TransactionScoped
public class ActiveRules {
    private ResponsibilityList list;

    ResponsibilityList list() {
        if (list == null) {
            list = new ResponsibilityList(RoutingRule.<RoutingRule>list("active", true).stream()
                    .map(RoutingRule::line).toList(), ReferenceData.get());
        }
        return list;
    }
}
