package io.jiesu.dispatch.routing;

import io.jiesu.contract.reference.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Applies the responsibility list to a case: the most specific active rule that matches decides the unit. */
@ApplicationScoped
public class Router {
    /** Where a case goes and why. */
    public record Route(String unitCode, String ruleId, int ruleVersion, String ruleDescription) {
    }

    private final ReferenceData reference = ReferenceData.get();
    @Inject
    ActiveRules rules;

    /** Empty when no rule places the case (it then waits for manual dispatch). */
    public Optional<Route> route(String categoryCode, String districtCode, String streetCode) {
        return rules.bySpecificity().stream()
                .filter(r -> r.matches(categoryCode, districtCode, streetCode))
                .map(r -> toRoute(r, streetCode))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<Route> toRoute(RoutingRule rule, String streetCode) {
        String unit = rule.target == RoutingRule.Target.LOCATION_STREET ? streetCode : rule.unitCode;
        if (reference.unit(unit).isEmpty()) {
            return Optional.empty(); // a rule naming an unknown unit cannot place the case
        }
        return Optional.of(new Route(unit, rule.id, rule.version, rule.description));
    }
}
