package io.jiesu.dispatch.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Applies the responsibility list to a case: the active lines of this transaction, matched by {@link ResponsibilityList}. */
@ApplicationScoped
public class Router {
    /** Where a case goes and why. */
    public record Route(String unitCode, String ruleId, int ruleVersion, String ruleDescription) {
    }

    @Inject
    ActiveRules rules;

    /** Empty when no rule places the case (it then waits for manual dispatch). */
    public Optional<Route> route(String categoryCode, String districtCode, String streetCode) {
        return rules.list().route(categoryCode, districtCode, streetCode);
    }
}
