package io.jiesu.contract.reference;

/** One of Beijing's 16 districts (区); population is residents (2020 census) for per-10,000 figures. */
public record District(String code, String name, String nameEn, long population) {
}
