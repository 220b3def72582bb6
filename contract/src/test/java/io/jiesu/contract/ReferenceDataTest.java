package io.jiesu.contract;

import io.jiesu.contract.reference.Community;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void theWholeCityFromChinaDivision() {
        List<Unit> streets = data.units().stream().filter(u -> u.kind().isStreetOrTown()).toList();
        assertEquals(349, streets.size(), "every township-level unit under code 11");
        // the kind follows the name: 街道 → STREET; 镇/乡/地区 → TOWN; the six zones → STREET
        for (Unit u : streets) {
            UnitKind expected = u.name().endsWith("街道") ? UnitKind.STREET
                    : u.name().matches(".*(镇|乡|地区)") ? UnitKind.TOWN : UnitKind.STREET;
            assertEquals(expected, u.kind(), u.code() + " " + u.name());
            assertTrue(u.nameEn() != null && !u.nameEn().isBlank(), u.code());
        }
        assertEquals("瀛海地区", data.unit("110115008").orElseThrow().name(), "the package's name");
        assertEquals(UnitKind.STREET, data.unit("110115403").orElseThrow().kind(), "北京经济技术开发区");
        assertEquals("东华门街道", data.unit("110101001").orElseThrow().name());
        assertEquals("Donghuamen Subdistrict", data.unit("110101001").orElseThrow().nameEn(), "kept");
        assertEquals(708829, data.district("110101").orElseThrow().population(), "2020 census kept");
    }

    @Test
    void communitiesBelongToTheirStreetsAndAreLookedUpWithoutScanning() {
        assertEquals(7535, data.communities().size());
        Community duofu = data.community("110101001001").orElseThrow();
        assertEquals("多福巷社区居委会", duofu.name());
        assertEquals("110101001", duofu.streetCode());
        assertTrue(data.isCommunityOfStreet("110101001001", "110101001"));
        assertFalse(data.isCommunityOfStreet("110101001001", "110101002"), "another street's community");
        assertFalse(data.isCommunityOfStreet("999999999999", "110101001"));
        assertFalse(data.isCommunityOfStreet(null, "110101001"));
        assertTrue(data.communitiesOf("110101001").contains(duofu));
        assertTrue(data.communitiesOf("NOPE").isEmpty());
        data.units().stream().filter(u -> u.kind().isStreetOrTown()).forEach(u -> assertFalse(
                data.communitiesOf(u.code()).isEmpty(), u.code() + " has communities"));
        assertEquals(7535, data.units().stream().mapToInt(u -> data.communitiesOf(u.code()).size()).sum());
        assertTrue(data.communities().stream().allMatch(c -> c.code().startsWith(c.streetCode())));
    }

    @Test
    void departmentsHaveDistrictBranchesWhereTheirMattersAreHandledByDistrict() {
        Unit chaoyangMarket = data.unit("DEPT_110105_MARKET").orElseThrow();
        assertEquals("朝阳区市场监督管理局", chaoyangMarket.name());
        assertEquals(UnitKind.DEPARTMENT, chaoyangMarket.kind());
        assertEquals("110105", chaoyangMarket.districtCode());
        assertEquals("DEPT_MARKET", chaoyangMarket.parentCode());
        assertEquals(16, data.branchesOf("DEPT_MARKET").size());
        assertTrue(data.branchesOf("DEPT_VETERANS").isEmpty());
        assertEquals("DEPT_110108_HR", data.districtBranch("DEPT_HR", "110108").orElseThrow().code());
        assertTrue(data.districtBranch("DEPT_VETERANS", "110108").isEmpty(), "no branches: city-level only");
        assertTrue(data.isCityDepartment("DEPT_HR"));
        assertFalse(data.isCityDepartment("DEPT_110108_HR"));
        for (String dept : new String[] {"DEPT_MARKET", "DEPT_HR", "DEPT_HOUSING", "DEPT_ECOLOGY",
                "DEPT_LAW_ENFORCEMENT", "DEPT_EDUCATION"}) {
            data.districts().forEach(d -> assertTrue(data.districtBranch(dept, d.code()).isPresent(), dept));
        }
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
    void noUnitCodeStartsWithAnothersBecauseKafkaGroupAclsArePrefixes() {
        List<String> codes = data.units().stream().map(Unit::code).sorted().toList();
        for (int i = 1; i < codes.size(); i++) {
            // sorted: a code that is a prefix of others sorts right before the first of them
            assertFalse(codes.get(i).startsWith(codes.get(i - 1)), codes.get(i - 1) + " is a prefix of " + codes.get(i));
        }
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
