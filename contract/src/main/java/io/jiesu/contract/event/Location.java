package io.jiesu.contract.event;

/** Where the matter is: district and street/town codes from the reference data, then free-form detail. */
public record Location(String districtCode, String streetCode, String community, String address,
        Double latitude, Double longitude) {
}
