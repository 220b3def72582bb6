package io.jiesu.intake.location;

import io.jiesu.contract.reference.ReferenceData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The location rule alone, against Beijing's reference data: what a citizen's words and codes resolve to. */
class LocationResolverTest {
    private final LocationResolver resolver = new LocationResolver(ReferenceData.get());

    private LocationResolver.Resolved address(String address) {
        return resolver.resolve(new LocationResolver.Given(null, null, null, null, address));
    }

    @Test
    void anAddressNamingAStreetResolvesItsStreetAndDistrict() {
        assertEquals(new LocationResolver.Resolved("110101", "110101001", false), address("东城区东华门街道南池子大街"));
        assertEquals(new LocationResolver.Resolved("110101", "110101001", false), address("东华门街道南池子大街12号"),
                "the street alone brings its district");
    }

    @Test
    void theLongestNameContainedWins() {
        // 果园街道 (通州) is contained in 苹果园街道 (石景山): the longer, whole name is the one meant
        assertEquals(new LocationResolver.Resolved("110107", "110107005", false), address("苹果园街道西山枫林小区"));
    }

    @Test
    void onlyADistrictKnowsTheDistrictAndLeavesTheStreetToConfirm() {
        assertEquals(new LocationResolver.Resolved("110105", null, true), address("北京市朝阳区某小区门口"));
    }

    @Test
    void aNameTwoDistrictsShareIsNotGuessedUnlessTheDistrictTellsThemApart() {
        assertEquals(new LocationResolver.Resolved(null, null, true), address("八里庄街道十里堡"));
        assertEquals(new LocationResolver.Resolved("110108", "110108005", false), address("海淀区八里庄街道"));
        assertEquals(new LocationResolver.Resolved("110105", "110105015", false),
                resolver.resolve(new LocationResolver.Given("110105", null, null, null, "八里庄街道十里堡")),
                "a given district chooses among streets of the same name");
    }

    @Test
    void aStreetOfAnotherDistrictThanTheGivenOneIsNotTaken() {
        assertEquals(new LocationResolver.Resolved("110105", null, true),
                resolver.resolve(new LocationResolver.Given("110105", null, null, null, "东华门街道南池子大街")));
    }

    @Test
    void nothingNamedAndCoordinatesAloneLeaveTheLocationToConfirm() {
        // lat/long are not an input: the reference data has no coordinates to resolve them with
        assertEquals(new LocationResolver.Resolved(null, null, true), address("天安门广场东侧路口"));
        assertEquals(new LocationResolver.Resolved(null, null, true), address(null));
    }

    @Test
    void givenCodesAreKeptAsGivenAndFillTheirDistrict() {
        assertEquals(new LocationResolver.Resolved("110101", "110101001", false),
                resolver.resolve(new LocationResolver.Given("110101", "110101001", null, null, "海淀区八里庄街道")),
                "given codes win over the address text");
        assertEquals(new LocationResolver.Resolved("110101", "110101001", false),
                resolver.resolve(new LocationResolver.Given(null, "110101001", null, null, null)));
        assertEquals(new LocationResolver.Resolved("110105", "110105026", false),
                resolver.resolve(new LocationResolver.Given(null, null, "110105026034", null, null)),
                "a community code brings its street/town and district");
        assertEquals(new LocationResolver.Resolved("110101", "NOPE", false),
                resolver.resolve(new LocationResolver.Given("110101", "NOPE", null, null, null)),
                "an unknown given code is kept for the reference check to refuse");
    }

    @Test
    void theFreeTextCommunityIsReadToo() {
        assertEquals(new LocationResolver.Resolved("110101", "110101001", false),
                resolver.resolve(new LocationResolver.Given(null, null, null, "东华门街道东华门社区", "12号院3号楼")));
    }
}
