package io.jiesu.evaluation.visit;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.Rows;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
import java.util.UUID;

/**
 * Return visits (回访) from the IVR/SMS survey or a call-back. A case must be completed (or answered directly) to be
 * visited; the latest visit is the one that counts, earlier ones stay in the history.
 */
@Path("/api/v1/visits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VisitResource {
    public record Visit(@NotBlank @Size(max = 40) String caseId, Instant visitedAt, @NotNull Boolean reached,
            Boolean contactedInTime, Enums.Resolution resolution, Enums.Satisfaction satisfaction,
            @Size(max = 2000) String comment) {
    }

    public record VisitView(String visitId, String caseId, Instant visitedAt, boolean reached,
            Boolean contactedInTime, String resolution, String satisfaction, String comment, boolean counts) {
    }

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    CallerIdentity caller;

    @POST
    @RolesAllowed(Roles.TELEPHONY)
    @Transactional
    @Operation(summary = "Record a return visit", description = "Refused for an unknown case (404) or one not yet "
            + "completed (409). A reached citizen's answers need resolution and satisfaction.")
    public Response record(@Valid @NotNull Visit visit) {
        Object[] kase = caseRow(visit.caseId());
        if (kase == null) {
            throw ProblemException.notFound("no case " + visit.caseId() + " known to evaluation (not received yet?)");
        }
        if (kase[0] == null) {
            throw ProblemException.conflict("case " + visit.caseId() + " is not completed yet: a return visit "
                    + "follows the unit's completion").with("currentState", "OPEN");
        }
        if (visit.reached() && (visit.resolution() == null || visit.satisfaction() == null)) {
            throw ProblemException.unprocessable("a reached citizen's visit needs resolution and satisfaction");
        }
        Instant now = Instant.now();
        Instant visitedAt = visit.visitedAt() != null ? visit.visitedAt() : now;
        String visitId = "V" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        em.createNativeQuery("""
                INSERT INTO visit (visit_id, case_id, visited_at, reached, contacted_in_time, resolution,
                    satisfaction, comment, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, visitId).setParameter(2, visit.caseId()).setParameter(3, visitedAt)
                .setParameter(4, visit.reached()).setParameter(5, visit.contactedInTime())
                .setParameter(6, visit.resolution() == null ? null : visit.resolution().name())
                .setParameter(7, visit.satisfaction() == null ? null : visit.satisfaction().name())
                .setParameter(8, visit.comment()).setParameter(9, now).setParameter(10, caller.subject())
                .executeUpdate();
        em.createNativeQuery("UPDATE eval_case SET visit_id = ?2 WHERE case_id = ?1")
                .setParameter(1, visit.caseId()).setParameter(2, visitId).executeUpdate();
        outbox.publish(EventCatalog.VISIT_RECORDED, visit.caseId(), now, new VisitRecorded(visit.caseId(), visitId,
                visitedAt, visit.reached(), visit.contactedInTime(), visit.resolution(), visit.satisfaction(),
                visit.comment()));
        return Response.status(201).entity(new VisitView(visitId, visit.caseId(), visitedAt, visit.reached(),
                visit.contactedInTime(), visit.resolution() == null ? null : visit.resolution().name(),
                visit.satisfaction() == null ? null : visit.satisfaction().name(), visit.comment(), true)).build();
    }

    @GET
    @RolesAllowed({Roles.TELEPHONY, Roles.REVIEWER, Roles.ADMIN})
    @Transactional
    @SuppressWarnings("unchecked")
    public List<VisitView> history(@QueryParam("caseId") String caseId) {
        if (caseId == null) {
            throw ProblemException.badRequest("caseId is required");
        }
        Object[] kase = caseRow(caseId);
        String counting = kase == null ? null : (String) kase[1];
        List<Object[]> rows = em.createNativeQuery("""
                SELECT visit_id, visited_at, reached, contacted_in_time, resolution, satisfaction, comment
                FROM visit WHERE case_id = ?1 ORDER BY recorded_at""").setParameter(1, caseId).getResultList();
        return rows.stream().map(r -> new VisitView((String) r[0], caseId, Rows.instant(r[1]), (Boolean) r[2],
                (Boolean) r[3], (String) r[4], (String) r[5], (String) r[6], r[0].equals(counting))).toList();
    }

    @SuppressWarnings("unchecked")
    private Object[] caseRow(String caseId) {
        List<Object[]> rows = em.createNativeQuery("SELECT completed_at, visit_id FROM eval_case WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

}
