package io.jiesu.contract;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared reference data: Beijing as the hotline knows it. */
class ReferenceDataTest {
    final ReferenceData data = ReferenceData.get();

    @Test
    void allSixteenDistrictsWithTheirStreetsAndTowns() {
        assertEquals(16, data.districts().size());
        Map<String, Long> perDistrict = data.units().stream().filter(u -> u.kind().isStreetOrTown())
                .collect(Collectors.groupingBy(Unit::districtCode, Collectors.counting()));
        assertEquals(16, perDistrict.size(), "every district has streets/towns");
        assertTrue(perDistrict.values().stream().allMatch(n -> n >= 3), perDistrict.toString());
        assertTrue(perDistrict.values().stream().mapToLong(Long::longValue).sum() >= 60);
        assertEquals("东华门街道", data.unit("110101001").orElseThrow().name());
        assertTrue(data.isStreetOfDistrict("110101001", "110101"));
        assertTrue(!data.isStreetOfDistrict("110101001", "110105"));
    }

    @Test
    void departmentsAndThePublicServiceEnterprises() {
        for (String code : new String[] {"ENT_WATER", "ENT_POWER", "ENT_GAS", "ENT_HEATING"}) {
            assertEquals(UnitKind.ENTERPRISE, data.unit(code).orElseThrow().kind(), code);
        }
        assertTrue(data.units().stream().filter(u -> u.kind() == UnitKind.DEPARTMENT).count() >= 15);
        assertEquals(16, data.units().stream().filter(u -> u.kind() == UnitKind.DISTRICT).count());
    }

    @Test
    void everyUnitCodeMakesAValidInboxTopicName() {
        data.units().forEach(u -> assertEquals("unit." + u.code() + ".inbox", Topics.unitInbox(u.code())));
    }

    @Test
    void theCategoryCatalogueHasTheOutagesAndTheKeySmallMatters() {
        for (String code : new String[] {"WATER_OUTAGE", "POWER_OUTAGE", "GAS_LEAK", "HEATING"}) {
            assertTrue(data.category(code).orElseThrow().urgent(), code + " is urgent");
        }
        for (String code : new String[] {"EPIDEMIC_PREVENTION", "GARBAGE_SORTING", "PROPERTY_MANAGEMENT"}) {
            assertTrue(data.category(code).isPresent(), code);
        }
    }
}
