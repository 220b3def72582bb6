package io.jiesu.dispatch.supervision;

import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/districts/{districtCode}/supervision}: the district desk (各区统筹) — per unit of the district
 * (streets/towns, the district government, the departments' branches there) its open, overdue, reopened (重办),
 * due-soon, escalated and urged (催办) orders, worst first, with the district's totals. The orders behind a number are
 * {@code GET /api/v1/work-orders?districtCode=…&overdue=true|dueWithinHours=N&unitCode=…}.
 */
@Path("/api/v1/districts/{districtCode}/supervision")
@Produces(MediaType.APPLICATION_JSON)
public class DistrictSupervisionResource {
    /** One unit's line. */
    public record UnitLine(String unitCode, String unitName, UnitKind unitKind, long open, long overdue,
            long reopened, long dueSoon, long escalated, long urged) {
        static UnitLine of(Unit u, SupervisionQueries.Counts c) {
            return new UnitLine(u.code(), u.name(), u.kind(), c.open(), c.overdue(), c.reopened(), c.dueSoon(),
                    c.escalated(), c.urged());
        }
    }

    /** The district's desk: every unit of it (those without open orders too), the totals, as of when. */
    public record Supervision(String districtCode, String districtName, Instant asOf, int dueWithinHours,
            SupervisionQueries.Counts totals, List<UnitLine> units) {
    }

    private final SupervisionQueries queries;
    private final CallerIdentity caller;

    @Inject
    public DistrictSupervisionResource(SupervisionQueries queries, CallerIdentity caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.DISTRICT, Roles.REVIEWER, Roles.ADMIN, Roles.LEADER})
    @Transactional
    @Operation(summary = "各区统筹: per unit of the district, open / overdue / reopened / due within dueWithinHours "
            + "(default 24) / escalated / urged orders, worst first, with totals; a district token reads its own "
            + "district only (403 otherwise)")
    public Supervision get(@PathParam("districtCode") String districtCode,
            @QueryParam("dueWithinHours") @DefaultValue("24") @Min(1) @Max(24 * 366) int dueWithinHours) {
        caller.requireAccessToDistrict(districtCode); // before the lookup: another district learns nothing
        District district = ReferenceData.get().district(districtCode).orElseThrow(() ->
                ProblemException.notFound("no district " + districtCode + " in the reference data"));
        Instant now = Instant.now();
        List<Unit> units = DistrictUnits.of(districtCode);
        Map<String, SupervisionQueries.Counts> counts = queries.openCountsByUnit(
                units.stream().map(Unit::code).toList(), now, Duration.ofHours(dueWithinHours));
        SupervisionQueries.Counts totals = SupervisionQueries.Counts.NONE;
        for (SupervisionQueries.Counts c : counts.values()) {
            totals = totals.plus(c);
        }
        List<UnitLine> lines = units.stream()
                .map(u -> UnitLine.of(u, counts.getOrDefault(u.code(), SupervisionQueries.Counts.NONE)))
                .sorted(Comparator.comparingLong(UnitLine::overdue).reversed()
                        .thenComparing(Comparator.comparingLong(UnitLine::escalated).reversed())
                        .thenComparing(Comparator.comparingLong(UnitLine::open).reversed())
                        .thenComparing(UnitLine::unitCode))
                .toList();
        return new Supervision(districtCode, district.name(), now, dueWithinHours, totals, lines);
    }
}
