package io.jiesu.intake.cases;

import io.jiesu.contract.event.Citizen;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Cases: one case's status and timeline, the citizen's own lookup, and the operators' search. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject
    CaseQueries cases;
    @Inject
    CallerIdentity caller;

    @GET
    @Path("cases/{caseId}")
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN, Roles.UNIT})
    @Operation(summary = "Status and full timeline of one case",
            description = "A unit token reaches only the cases its unit handles; a confidential citizen's identity "
                    + "is withheld from units.")
    public CaseView get(@PathParam("caseId") String caseId) {
        CaseView view = cases.find(caseId).orElse(null);
        if (caller.isUnitScoped()) {
            // a unit learns nothing about cases that are not its own, not even whether they exist
            if (view == null || view.unitCode() == null) {
                throw ProblemException.forbidden("this token reaches only its own unit's cases");
            }
            caller.requireAccessToUnit(view.unitCode());
            return view.citizen().confidential() ? view.withCitizen(new Citizen(null, null,
                    view.citizen().anonymous(), true)) : view;
        }
        if (view == null) {
            throw ProblemException.notFound("no case " + caseId);
        }
        return view;
    }

    /** A citizen's lookup by case number and phone, through a channel (the IVR, the app, a call-taker). */
    public record Lookup(@NotBlank String caseId, @NotBlank String phone) {
    }

    /** What a citizen may see of their own case: no unit internals, no other person's data. */
    public record CitizenCaseView(String caseId, String status, Instant receivedAt, String categoryCode,
            List<String> steps) {
    }

    @POST
    @Path("case-lookups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR})
    @Operation(summary = "A citizen looks up a case with its number and phone",
            description = "Answers 404 both for an unknown case and for a phone that does not match.")
    public CitizenCaseView lookup(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a citizen asks about a case", value = "{\"caseId\": \"C202611250000042\", \"phone\": \"13800138000\"}"))) @Valid @NotNull Lookup lookup) {
        CaseView view = cases.find(lookup.caseId()).orElse(null);
        String digits = lookup.phone().replaceAll("[^0-9]", "");
        if (view == null || view.citizen().phone() == null
                || !view.citizen().phone().replaceAll("[^0-9]", "").equals(digits)) {
            throw ProblemException.notFound("no case " + lookup.caseId() + " for that phone number");
        }
        return new CitizenCaseView(view.caseId(), view.status(), view.receivedAt(), view.categoryCode(),
                view.timeline().stream().map(t -> t.at() + " " + t.kind()).toList());
    }

    @GET
    @Path("cases")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Search cases by phone, category, area and date (Beijing dates, inclusive)")
    public List<CaseQueries.CaseSummary> search(@QueryParam("phone") String phone,
            @QueryParam("categoryCode") String categoryCode, @QueryParam("districtCode") String districtCode,
            @QueryParam("streetCode") String streetCode, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page, // page*size stays an int
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("from (" + from + ") is after to (" + to + ")");
        }
        return cases.search(phone, categoryCode, districtCode, streetCode, from, to, page, size);
    }
}
