package io.jiesu.evaluation.scoring;

import io.jiesu.contract.reference.UnitKind;

/** Beijing's four published rankings (三率考核、四类排名): districts, streets/towns, city departments, enterprises. */
public enum PeerGroup {
    DISTRICT, STREET_TOWN, DEPARTMENT, ENTERPRISE;

    static PeerGroup of(UnitKind kind) {
        return switch (kind) {
            case STREET, TOWN -> STREET_TOWN;
            case DEPARTMENT -> DEPARTMENT;
            case ENTERPRISE -> ENTERPRISE;
            case DISTRICT -> DISTRICT;
            case CITY -> null;
        };
    }
}
