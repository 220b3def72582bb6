package io.jiesu.console.web;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The units a reviewer picks from for a case in a district: its streets/towns, the departments (city-level and the
 * district's branches) and the public-service enterprises — grouped for a select. Presentation only: whether the
 * choice is allowed is dispatch's decision.
 */
public final class UnitChoices {
    private UnitChoices() {
    }

    public static Map<String, List<Unit>> forDistrict(String districtCode) {
        Map<String, List<Unit>> groups = new LinkedHashMap<>();
        List<Unit> units = ReferenceData.get().units();
        groups.put("STREET", units.stream().filter(u -> u.kind().isStreetOrTown())
                .filter(u -> districtCode == null || districtCode.equals(u.districtCode())).toList());
        groups.put("DEPARTMENT", units.stream().filter(u -> u.kind() == UnitKind.DEPARTMENT)
                .filter(u -> u.districtCode() == null || u.districtCode().equals(districtCode)).toList());
        groups.put("ENTERPRISE", units.stream().filter(u -> u.kind() == UnitKind.ENTERPRISE).toList());
        groups.put("DISTRICT", units.stream().filter(u -> u.kind() == UnitKind.DISTRICT)
                .filter(u -> districtCode == null || districtCode.equals(u.districtCode())).toList());
        return groups;
    }
}
