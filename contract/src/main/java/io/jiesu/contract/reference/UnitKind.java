package io.jiesu.contract.reference;

/**
 * Kinds of handling unit (承办单位). STREET 街道 and TOWN 乡镇/地区 are the territorial hub (属地): a township-level name
 * ending in 街道 is a STREET, one ending in 镇, 乡 or 地区 a TOWN (the six development zones, parks and the airport area,
 * whose communities are all residents' committees, count as STREET). A DEPARTMENT with a districtCode is a district
 * branch of a city-level department.
 */
public enum UnitKind {
    CITY, DISTRICT, STREET, TOWN, DEPARTMENT, ENTERPRISE;

    public boolean isStreetOrTown() {
        return this == STREET || this == TOWN;
    }
}
