package io.jiesu.dispatch.supervision;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/work-orders/{caseId}/reminders}: 催办 by a district coordinator (各区统筹, orders of its own
 * district's units only), a reviewer or an admin. A class of its own (more literal path than
 * {@code /work-orders/{caseId}}, so it is matched first).
 */
@Path("/api/v1/work-orders/{caseId}/reminders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {
    /** Body: what the unit should do. {@code caseId} is optional and must match the path. */
    public record ReminderRequest(String caseId, String message) {
    }

    /** The answer: whom it reached, how many reminders the order has had, when the next may be sent. */
    public record ReminderView(String caseId, String unitCode, List<String> notifiedUnitCodes, int reminderCount,
            Instant urgedAt, Instant nextAllowedAt, String status, boolean overdue) {
    }

    private final Reminders reminders;
    private final CallerIdentity caller;

    @Inject
    public ReminderResource(Reminders reminders, CallerIdentity caller) {
        this.reminders = reminders;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.DISTRICT, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "催办: urge the unit holding an open order (the lead and its co-handlers get a notice URGE); "
            + "a district token reaches its own district's orders only; at most one per order per "
            + "reminder_interval_minutes (a dispatch setting)")
    @APIResponse(responseCode = "201", description = "sent")
    @APIResponse(responseCode = "403", description = "not an order of the caller's district (says nothing more)")
    @APIResponse(responseCode = "409", description = "the order is completed or nobody holds it to act")
    @APIResponse(responseCode = "422", description = "message missing or too long")
    @APIResponse(responseCode = "429", description = "urged less than the interval ago; Retry-After in seconds")
    public Response urge(@PathParam("caseId") String caseId, ReminderRequest body, @Context UriInfo uri) {
        if (body != null && body.caseId() != null && !body.caseId().equals(caseId)) {
            throw ProblemException.badRequest("caseId: the body names " + body.caseId() + " but the path names "
                    + caseId).with("field", "caseId");
        }
        boolean district = caller.isDistrictScoped();
        Reminders.Urger urger = new Reminders.Urger(caller.subject(),
                district ? Roles.DISTRICT : caller.hasRole(Roles.REVIEWER) ? Roles.REVIEWER : Roles.ADMIN,
                district ? caller.requireOwnDistrict() : null);
        try {
            Reminders.Sent sent = reminders.urge(caseId, urger, body == null ? null : body.message());
            return Response.status(201).entity(new ReminderView(caseId, sent.order().unitCode,
                    sent.notifiedUnitCodes(), sent.order().reminderCount, sent.urgedAt(), sent.nextAllowedAt(),
                    sent.order().status, sent.order().overdue)).build();
        } catch (Reminders.TooSoon e) {
            // problem+json like every error, plus the header a client's retry logic reads
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", e.retryAfterSeconds)
                    .entity(new Problem("about:blank", e.title(), 429, e.getMessage(), uri.getPath(), null,
                            e.extensions())).build();
        }
    }
}
