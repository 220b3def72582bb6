package io.jiesu.dispatch.review;

import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.dispatch.workorder.WorkOrderStatus;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What hotline reviewers see and decide: pending returns (退单) and extensions (延期), and the manual-dispatch queue.
 * The decisions on one order live under {@code /api/v1/work-orders/{caseId}/…/decision} ({@code WorkOrderResource}).
 */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {
    private static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REJECTED", "WITHDRAWN");

    /** A queued order as reviewers see it. */
    public record QueuedOrder(String caseId, String channel, String categoryCode, String districtCode,
            String streetCode, String urgency, String appealType, String content, String previousUnitCode,
            int returnCount, Instant receivedAt) {
    }

    /** The result of a decision. */
    public record Decided(String caseId, String status, String unitCode) {
        public static Decided of(WorkOrder o) {
            return new Decided(o.caseId, o.status, o.unitCode);
        }
    }

    @Inject
    ReviewService reviews;
    @Inject
    CallerIdentity caller;

    @GET
    @Path("reviews/returns")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Return requests (default PENDING); unitCode filters by the returning unit")
    public List<ReturnRequest> returns(@QueryParam("status") String status, @QueryParam("unitCode") String unitCode) {
        return reviews.returns(status(status), unitCode);
    }

    @GET
    @Path("reviews/extensions")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Extension requests (default PENDING)")
    public List<ExtensionRequest> extensions(@QueryParam("status") String status) {
        return reviews.extensions(status(status));
    }

    @GET
    @Path("manual-dispatch")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "The manual-dispatch queue: orders no rule could place or returned too often")
    public List<QueuedOrder> queue() {
        return WorkOrder.<WorkOrder>list("status", Sort.ascending("receivedAt"),
                WorkOrderStatus.AWAITING_MANUAL_DISPATCH.name()).stream()
                .map(o -> new QueuedOrder(o.caseId, o.channel, o.categoryCode, o.districtCode, o.streetCode,
                        o.urgency, o.appealType, o.content, o.previousUnitCode, o.returnCount, o.receivedAt))
                .toList();
    }

    @POST
    @Path("manual-dispatch/{caseId}")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Dispatch a queued order to the unit the reviewer names")
    public Decided manualDispatch(@PathParam("caseId") String caseId, ReviewService.ManualDispatch body) {
        return Decided.of(reviews.manualDispatch(caseId, caller.subject(), body));
    }

    private static String status(String status) {
        if (status == null) {
            return "PENDING";
        }
        if ("ALL".equals(status)) {
            return null;
        }
        if (!STATUSES.contains(status)) {
            throw ProblemException.badRequest("status must be one of " + STATUSES + " or ALL");
        }
        return status;
    }
}
