package io.jiesu.whistle.whistle;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.platform.web.QueryParams;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/units/{unitCode}/whistles}: the whistles a unit leads (a street/town following its report-ins)
 * or is summoned by (a department finding what it must report in to), newest first. A unit token reads its own unit
 * only — another unit is a 403 before any lookup.
 */
@Path("/api/v1/units/{unitCode}/whistles")
@Produces(MediaType.APPLICATION_JSON)
public class UnitWhistleResource {
    @Inject
    CallerIdentity caller;
    @Inject
    WhistleQueries queries;

    @GET
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.ADMIN})
    @Transactional
    @Operation(summary = "The whistles a unit leads or is summoned by, newest first; filter status (OPEN|CLOSED); "
            + "page, size (≤ 500); items with the units that have not reported in, and total")
    @APIResponse(responseCode = "403", description = "a unit token asking for another unit")
    @APIResponse(responseCode = "404", description = "no such unit in the reference data")
    public WhistleQueries.Paged<WhistleRequests.WhistleSummary> list(@PathParam("unitCode") String unitCode,
            @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        caller.requireAccessToUnit(unitCode);
        if (ReferenceData.get().unit(unitCode).isEmpty()) {
            throw ProblemException.notFound("no unit " + unitCode);
        }
        WhistleQueries.Paged<Whistle> found = queries.involving(unitCode,
                QueryParams.enumOf(Whistle.Status.class, status, "status"), page, size);
        Map<String, List<String>> missing = queries.notReportedIn(
                found.items().stream().map(w -> w.whistleId).toList());
        return new WhistleQueries.Paged<>(found.items().stream()
                .map(w -> WhistleRequests.WhistleSummary.of(w, missing.getOrDefault(w.whistleId, List.of())))
                .toList(), page, size, found.total());
    }
}
