package io.jiesu.contract.reference;

/**
 * A handling unit: its code is also the {@code <unitCode>} of its {@code unit.<unitCode>.inbox} topic, and no unit code
 * starts with another's (a unit's Kafka consumer groups are the ids that start with its code). {@code districtCode}:
 * the district of a street/town, district government or district branch. {@code parentCode}: for a district branch
 * (e.g. {@code DEPT_110105_HR} 朝阳区人力资源和社会保障局), the city-level department it belongs to; null otherwise.
 */
public record Unit(String code, String name, String nameEn, UnitKind kind, String districtCode, String parentCode) {

    /** A unit that is no branch. */
    public Unit(String code, String name, String nameEn, UnitKind kind, String districtCode) {
        this(code, name, nameEn, kind, districtCode, null);
    }
}
