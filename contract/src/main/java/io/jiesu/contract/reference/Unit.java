package io.jiesu.contract.reference;

/** A handling unit: its code is also the {@code <unitCode>} of its {@code unit.<unitCode>.inbox} topic. */
public record Unit(String code, String name, String nameEn, UnitKind kind, String districtCode) {
}
