package io.jiesu.intake.location;

import io.jiesu.contract.reference.Community;
import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Location as a citizen gives it: fills in the district and street/town codes an appeal lacks from what it carries,
 * and says when the street/town stays unknown (地点待确认) — never refuses for a missing code. Plain rules over the
 * reference data (no database, no CDI; {@code LocationResolverTest}):
 * <ul>
 * <li>Codes the caller gave are kept as given ({@code ReferenceCheck} validates them as before); a street/town code
 * without its district brings its district; a community code without a street/town brings both.</li>
 * <li>Otherwise the address text (address, then the free-text community) is read for names of the reference data:
 * the longest district name contained in it, then the longest street/town name contained in it, within the given or
 * named district. A name held by two streets/towns of different districts (八里庄街道 in 朝阳 and 海淀) with no
 * district to tell them apart resolves nothing: a guess would send the case to the wrong street.</li>
 * <li>Latitude/longitude resolve nothing: the reference data (the National Bureau of Statistics' division codes) has
 * no coordinates or boundaries, and none is made up here — the case waits for a reviewer with its coordinates.</li>
 * </ul>
 */
public final class LocationResolver {
    /** What was given, codes possibly null. */
    public record Given(String districtCode, String streetCode, String communityCode, String community,
            String address) {
    }

    /** The codes after resolution; {@code toConfirm} when the street/town is still unknown. */
    public record Resolved(String districtCode, String streetCode, boolean toConfirm) {
    }

    private final ReferenceData reference;
    /** Longest names first, so that the first contained name is the longest one. */
    private final List<District> districtsByLength;
    private final List<Unit> streetsByLength;

    public LocationResolver(ReferenceData reference) {
        this.reference = reference;
        this.districtsByLength = reference.districts().stream()
                .sorted(Comparator.comparingInt((District d) -> d.name().length()).reversed()).toList();
        this.streetsByLength = reference.units().stream().filter(u -> u.kind().isStreetOrTown())
                .sorted(Comparator.comparingInt((Unit u) -> u.name().length()).reversed()).toList();
    }

    public Resolved resolve(Given given) {
        String district = blankToNull(given.districtCode());
        String street = blankToNull(given.streetCode());
        if (street == null && blankToNull(given.communityCode()) != null) {
            street = reference.community(given.communityCode().trim()).map(Community::streetCode).orElse(null);
        }
        if (street != null) {
            // given (or brought by the community): kept; an unknown code is ReferenceCheck's 422, not a guess
            if (district == null) {
                district = reference.unit(street).map(Unit::districtCode).orElse(null);
            }
            return new Resolved(district, street, false);
        }
        String text = join(given.address(), given.community());
        if (district == null && text != null) {
            district = districtNamedIn(text).orElse(null);
        }
        Optional<Unit> named = text == null ? Optional.empty() : streetNamedIn(text, district);
        if (named.isPresent()) {
            return new Resolved(named.get().districtCode(), named.get().code(), false);
        }
        return new Resolved(district, null, true);
    }

    private Optional<String> districtNamedIn(String text) {
        return districtsByLength.stream().filter(d -> text.contains(d.name())).map(District::code).findFirst();
    }

    /** The longest street/town name in the text, within the district when one is known; none when ambiguous. */
    private Optional<Unit> streetNamedIn(String text, String district) {
        List<Unit> found = streetsByLength.stream()
                .filter(u -> district == null || district.equals(u.districtCode()))
                .filter(u -> text.contains(u.name())).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int longest = found.get(0).name().length();
        List<Unit> best = found.stream().filter(u -> u.name().length() == longest).toList();
        return best.size() == 1 ? Optional.of(best.get(0)) : Optional.empty();
    }

    private static String join(String address, String community) {
        String a = blankToNull(address);
        String c = blankToNull(community);
        return a == null ? c : c == null ? a : a + " " + c;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
