package io.jiesu.contract.reference;

/** A leaf of the appeal category catalogue; {@code urgent} means appeals of it are urgent unless said otherwise. */
public record Category(String code, String name, String nameEn, String group, String groupName, boolean urgent) {
}
