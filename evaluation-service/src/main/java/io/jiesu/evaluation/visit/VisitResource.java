package io.jiesu.evaluation.visit;

import io.jiesu.contract.event.Enums;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Return visits (回访) from the IVR/SMS survey (role telephony) or the hotline's return-visit staff in the console
 * (their operator token), and the queue of completed cases awaiting a visit. A case must be completed (or answered
 * directly) to be visited; the first reached visit of the first round counts (see {@link VisitLoop}).
 */
@Path("/api/v1/visits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VisitResource {
    public record Visit(@NotBlank @Size(max = 40) String caseId, Instant visitedAt, @NotNull Boolean reached,
            Boolean contactedInTime, Enums.Resolution resolution, Enums.Satisfaction satisfaction,
            @Size(max = 2000) String comment) {
    }

    public record VisitView(String visitId, String caseId, Instant visitedAt, int round, boolean reached,
            Boolean contactedInTime, Enums.Resolution resolution, Enums.Satisfaction satisfaction, String comment,
            boolean counts, boolean reopened) {
        static VisitView of(String caseId, VisitRepository.VisitRow v, boolean counts) {
            return new VisitView(v.visitId(), caseId, v.visitedAt(), v.round(), v.reached(), v.contactedInTime(),
                    v.resolution(), v.satisfaction(), v.comment(), counts, v.reopened());
        }
    }

    public record QueuePage(int page, int size, long total, List<VisitRepository.QueueItem> items) {
    }

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_PAGE = 100_000;
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final VisitService service;
    private final VisitRepository visits;
    private final CallerIdentity caller;

    public VisitResource(VisitService service, VisitRepository visits, CallerIdentity caller) {
        this.service = service;
        this.visits = visits;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR})
    @Operation(summary = "Record a return visit", description = "Refused for an unknown case (404) or one not yet "
            + "completed (409). A reached citizen's answers need resolution and satisfaction. The first reached visit "
            + "of a round may reopen the case (jiesu.evaluation.reopen-requested.v1) as the scheme says.")
    public Response record(@Valid @NotNull Visit visit) {
        VisitService.Recorded r = service.record(visit, caller.subject());
        return Response.status(201).entity(VisitView.of(r.caseId(), r.visit(), r.counts())).build();
    }

    @GET
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN})
    @Transactional
    @Operation(summary = "Every visit of a case, oldest first; counts marks the one that counts for the rates")
    public List<VisitView> history(@QueryParam("caseId") String caseId) {
        if (caseId == null) {
            throw ProblemException.badRequest("caseId is required");
        }
        Optional<String> counting = visits.countingVisit(caseId);
        return visits.history(caseId).stream()
                .map(v -> VisitView.of(caseId, v, counting.map(v.visitId()::equals).orElse(false))).toList();
    }

    @GET
    @Path("queue")
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN})
    @Transactional
    @Operation(summary = "Completed cases awaiting a return visit, oldest due first",
            description = "page from 0, size 1–200 (default 20); filter by district code and/or the unit that completed "
                    + "the round. A case leaves the queue with its round's first reached visit and comes back when it "
                    + "is completed again after a reopening.")
    public QueuePage queue(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("district") String district, @QueryParam("unit") String unit) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0 || p > MAX_PAGE) {
            throw ProblemException.badRequest("page must be between 0 and " + MAX_PAGE);
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        String d = code("district", district);
        String u = code("unit", unit);
        return new QueuePage(p, s, visits.queueSize(d, u), visits.queue(d, u, p, s));
    }

    /** A district or unit code filter: absent, or letters, digits, '_' and '-' (e.g. 110101, DEPT_HOUSING). */
    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CODE.matcher(value.strip()).matches()) { // strip, not trim: trim would also drop control characters
            throw ProblemException.badRequest(name + " must be a code such as 110101 or DEPT_HOUSING");
        }
        return value.strip();
    }
}
