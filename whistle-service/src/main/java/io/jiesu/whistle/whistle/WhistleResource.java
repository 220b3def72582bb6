package io.jiesu.whistle.whistle;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The whistle API: blow, report in, close, look; and the list a district coordinator (各区统筹) reads — its own
 * district's whistles, the escalated ones first of all.
 */
@Path("/api/v1/whistles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WhistleResource {
    @Inject
    WhistleService whistles;
    @Inject
    CallerIdentity caller;
    @Inject
    WhistleQueries queries;

    @GET
    @RolesAllowed({Roles.DISTRICT, Roles.REVIEWER, Roles.ADMIN, Roles.LEADER})
    @Transactional
    @Operation(summary = "Whistles, newest first: filters districtCode, escalated (true: escalated to the district or "
            + "the city), level (DISTRICT|CITY), status (OPEN|CLOSED), leadUnitCode; page, size (≤ 500); answers "
            + "items (with the units that have not reported in) and total", description = "A district token (各区统筹) "
            + "reads its own district only: districtCode defaults to it, another district is a 403.")
    public WhistleQueries.Paged<WhistleRequests.WhistleSummary> list(
            @QueryParam("districtCode") String districtCode,
            @QueryParam("escalated") @jakarta.validation.constraints.Pattern(regexp = "true|false",
                    message = "must be true or false") String escalated,
            @QueryParam("level") String level,
            @QueryParam("status") String status,
            @QueryParam("leadUnitCode") @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
                    message = "must be a unit code (letters, digits, _ or -, at most 64)") String leadUnitCode,
            @QueryParam("page") @DefaultValue("0") @jakarta.validation.constraints.Min(0)
            @jakarta.validation.constraints.Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(500) int size) {
        if (caller.isDistrictScoped()) {
            if (districtCode == null) {
                districtCode = caller.requireOwnDistrict();
            }
            caller.requireAccessToDistrict(districtCode); // 403 before any lookup: nothing about another district
        } else if (districtCode != null && ReferenceData.get().district(districtCode).isEmpty()) {
            throw ProblemException.badRequest("districtCode: no district " + districtCode + " in the reference data")
                    .with("field", "districtCode");
        }
        WhistleQueries.Filter filter = new WhistleQueries.Filter(districtCode,
                escalated == null ? null : Boolean.valueOf(escalated),
                QueryParams.enumOf(Enums.EscalationLevel.class, level, "level"),
                QueryParams.enumOf(Whistle.Status.class, status, "status"),
                leadUnitCode);
        WhistleQueries.Paged<Whistle> found = queries.search(filter, page, size);
        Map<String, List<String>> missing = queries.notReportedIn(
                found.items().stream().map(w -> w.whistleId).toList());
        return new WhistleQueries.Paged<>(found.items().stream()
                .map(w -> WhistleRequests.WhistleSummary.of(w, missing.getOrDefault(w.whistleId, List.of())))
                .toList(), page, size, found.total());
    }

    @POST
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "Blow the whistle (吹哨)", description = "Only the lead street/town of the case, or a "
            + "street/town about its own area when there is no case; summons departments and enterprises.")
    public Response blow(@Valid @NotNull WhistleRequests.Blow request) {
        Whistle w = whistles.blow(caller.requireOwnUnit(), request);
        return Response.created(URI.create("/api/v1/whistles/" + w.whistleId)).entity(view(w.whistleId)).build();
    }

    @POST
    @Path("{id}/reports")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "Report in (报到)", description = "Only a summoned unit; after the deadline it is accepted "
            + "and marked late.")
    public Response report(@PathParam("id") String id, @Valid @NotNull WhistleRequests.Report report) {
        Summons s = whistles.reportIn(id, caller.requireOwnUnit(), report);
        return Response.status(201).entity(WhistleRequests.SummonsView.of(s)).build();
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "Close the whistle with the joint outcome (lead only)")
    public WhistleRequests.WhistleView close(@PathParam("id") String id, @Valid @NotNull WhistleRequests.Close close) {
        whistles.close(id, caller.requireOwnUnit(), close);
        return view(id);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.LEADER, Roles.DISTRICT})
    @Operation(summary = "A whistle: who has and has not reported in", description = "Units see only whistles "
            + "they lead or are summoned by; a district token (各区统筹) only its own district's.")
    @Transactional
    public WhistleRequests.WhistleView get(@PathParam("id") String id) {
        Whistle w = Whistle.findById(id);
        if (caller.isDistrictScoped() && !caller.isUnitScoped()) {
            String own = caller.requireOwnDistrict();
            if (w == null || !own.equals(w.districtCode)) {
                throw ProblemException.forbidden("this token reaches only whistles of district " + own);
            }
        } else if (caller.isUnitScoped()) {
            String unit = caller.requireOwnUnit();
            boolean involved = w != null && (w.leadUnitCode.equals(unit)
                    || Summons.findById(WhistleService.key(id, unit)) != null);
            if (!involved) {
                throw ProblemException.forbidden("this token reaches only whistles its unit leads or is summoned by");
            }
        } else if (w == null) {
            throw ProblemException.notFound("no whistle " + id);
        }
        return WhistleRequests.WhistleView.of(w, Summons.of(id));
    }

    @Transactional
    WhistleRequests.WhistleView view(String id) {
        return WhistleRequests.WhistleView.of(Whistle.findById(id), Summons.of(id));
    }
}
