package io.jiesu.dispatch.supervision;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.web.ProblemException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A district's own units (各区统筹 supervises them): its streets/towns, its government {@code D<districtCode>} and the
 * departments' branches there — every unit of the reference data whose {@code districtCode} is the district. City-level
 * departments and enterprises belong to no district. A district's orders are the orders these units hold (lead).
 */
public final class DistrictUnits {
    /** district code → its units, in reference-data order (a few dozen each; the reference data never changes). */
    private static final Map<String, List<Unit>> BY_DISTRICT = new ConcurrentHashMap<>();

    private DistrictUnits() {
    }

    public static List<Unit> of(String districtCode) {
        return BY_DISTRICT.computeIfAbsent(districtCode, d -> ReferenceData.get().units().stream()
                .filter(u -> d.equals(u.districtCode())).toList());
    }

    public static List<String> codes(String districtCode) {
        return of(districtCode).stream().map(Unit::code).toList();
    }

    /** True when {@code unitCode} is one of the district's own units. */
    public static boolean holds(String districtCode, String unitCode) {
        return unitCode != null && ReferenceData.get().unit(unitCode)
                .map(u -> districtCode.equals(u.districtCode())).orElse(false);
    }

    /**
     * For a district-scoped caller: the order must be held by a unit of its own district. The same 403 whether the
     * order does not exist or belongs elsewhere — the caller learns nothing about other districts.
     */
    public static void requireHeldByOwnDistrict(CallerIdentity caller, String caseId, WorkOrder order) {
        String own = caller.requireOwnDistrict();
        if (order == null || !holds(own, order.unitCode)) {
            throw ProblemException.forbidden("work order " + caseId + " is not held by a unit of district " + own);
        }
    }
}
