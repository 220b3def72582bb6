package io.jiesu.contract.reference;

/**
 * A community (社区, its residents' committee 居委会) or village (村, its villagers' committee 村委会): the level below a
 * street/town. {@code code} is the 12-digit statistical code, {@code streetCode} the street/town it belongs to.
 */
public record Community(String code, String name, String streetCode) {
}
