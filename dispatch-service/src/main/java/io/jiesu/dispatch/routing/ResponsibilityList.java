package io.jiesu.dispatch.routing;

import io.jiesu.contract.reference.ReferenceData;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The responsibility list (职责清单) as a plain rule: given the active lines, which unit takes a case of this category
 * at this place. No database, no CDI — {@link ActiveRules} reads the lines once per transaction and {@link Router}
 * asks this class; the fast test {@code ResponsibilityListTest} checks the matching on its own.
 * <ul>
 * <li>The most specific matching line wins: street/town 4, district 2, category +1; ties by id.</li>
 * <li>{@code LOCATION_STREET} (属地): the street/town of the location. {@code UNIT}: the named unit.
 * {@code DISTRICT_BRANCH}: the named city-level department's branch in the appeal's district
 * ({@code DEPT_HR} in 110105 → {@code DEPT_110105_HR}), or the department itself where it has no branch there.</li>
 * <li>A line whose unit is not in the reference data cannot place the case: the next matching line is tried; when
 * none can, the case waits for manual dispatch.</li>
 * </ul>
 */
public final class ResponsibilityList {
    /** One line: null category/district/street match anything. */
    public record Line(String id, int version, String categoryCode, String districtCode, String streetCode,
            RoutingRule.Target target, String unitCode, String description) {

        boolean matches(String category, String district, String street) {
            return (categoryCode == null || categoryCode.equals(category))
                    && (districtCode == null || districtCode.equals(district))
                    && (streetCode == null || streetCode.equals(street));
        }

        /** Higher is more specific: a street/town beats a district beats city-wide; a category adds to either. */
        int specificity() {
            return (streetCode != null ? 4 : districtCode != null ? 2 : 0) + (categoryCode != null ? 1 : 0);
        }
    }

    private final List<Line> lines;
    private final ReferenceData reference;

    public ResponsibilityList(List<Line> lines, ReferenceData reference) {
        this.lines = lines.stream()
                .sorted(Comparator.comparingInt(Line::specificity).reversed().thenComparing(Line::id))
                .toList();
        this.reference = reference;
    }

    /** Empty when no line places the case (it then waits for manual dispatch). */
    public Optional<Router.Route> route(String categoryCode, String districtCode, String streetCode) {
        for (Line line : lines) {
            if (line.matches(categoryCode, districtCode, streetCode)) {
                String unit = unitOf(line, districtCode, streetCode);
                if (unit != null && reference.unit(unit).isPresent()) {
                    return Optional.of(new Router.Route(unit, line.id(), line.version(), line.description()));
                }
            }
        }
        return Optional.empty();
    }

    private String unitOf(Line line, String districtCode, String streetCode) {
        return switch (line.target()) {
            case LOCATION_STREET -> streetCode;
            case UNIT -> line.unitCode();
            case DISTRICT_BRANCH -> reference.districtBranch(line.unitCode(), districtCode)
                    .map(u -> u.code()).orElse(line.unitCode());
        };
    }
}
