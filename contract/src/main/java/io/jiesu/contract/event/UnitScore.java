package io.jiesu.contract.event;

/** One unit's three rates and composite score for a period; {@code rank} is null below the minimum volume. */
public record UnitScore(String unitCode, String peerGroup, int cases, double responseRate, double resolutionRate,
        double satisfactionRate, double composite, Integer rank) {
}
