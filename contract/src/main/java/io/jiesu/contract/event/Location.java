package io.jiesu.contract.event;

/**
 * Where the matter is: district and street/town codes from the reference data, optionally the community/village code
 * (社区/村, {@code communityCode}, must belong to the street/town; added in 2026-12, absent in older events), then
 * free-form detail: {@code community} is the community as the caller said it (kept for clients that send no code).
 */
public record Location(String districtCode, String streetCode, String communityCode, String community, String address,
        Double latitude, Double longitude) {

    /** A location without a community code: the shape before {@code communityCode} existed. */
    public Location(String districtCode, String streetCode, String community, String address, Double latitude,
            Double longitude) {
        this(districtCode, streetCode, null, community, address, latitude, longitude);
    }
}
