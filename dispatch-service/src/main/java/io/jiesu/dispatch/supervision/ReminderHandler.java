package io.jiesu.dispatch.supervision;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/work-orders/{caseId}/reminders}: 催办 by a district coordinator (各区统筹, orders of its own
 * district's units only), a reviewer or an admin. The route itself is in {@code WorkOrderResource}: a resource class
 * of its own under {@code /work-orders/{caseId}} would either answer a wrong method with 404 instead of 405 or not be
 * reached at all (the more literal class path wins).
 */
@ApplicationScoped
public class ReminderHandler {
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
    public ReminderHandler(Reminders reminders, CallerIdentity caller) {
        this.reminders = reminders;
        this.caller = caller;
    }

    /** The answer to {@code POST /api/v1/work-orders/{caseId}/reminders} (routed by {@code WorkOrderResource}). */
    public Response urge(String caseId, ReminderRequest body, UriInfo uri) {
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
