package io.jiesu.contract.reference;

/** Kinds of handling unit (承办单位). STREET 街道 and TOWN 乡镇/地区 are the territorial hub (属地). */
public enum UnitKind {
    CITY, DISTRICT, STREET, TOWN, DEPARTMENT, ENTERPRISE;

    public boolean isStreetOrTown() {
        return this == STREET || this == TOWN;
    }
}
