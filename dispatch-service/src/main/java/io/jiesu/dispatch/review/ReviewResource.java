package io.jiesu.dispatch.review;

import io.jiesu.contract.event.Location;
import io.jiesu.dispatch.routing.Router;
import io.jiesu.dispatch.workorder.Dispatcher;
import io.jiesu.dispatch.workorder.QueueReason;
import io.jiesu.dispatch.workorder.UnitWorkOrderResource;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.dispatch.workorder.WorkOrderQueries;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /**
     * A queued order as reviewers see it, with the responsibility list's suggestion: the unit the routing rules would
     * pick now (null when none can place it), and that rule; {@code reason}: why it waits ({@link QueueReason}, e.g.
     * {@code LOCATION_TO_CONFIRM} 地点待确认 — then {@code streetCode}, maybe {@code districtCode}, is null and the
     * citizen's address and coordinates are in {@code address}, {@code latitude}, {@code longitude}).
     */
    public record QueuedOrder(String caseId, String channel, String categoryCode, String districtCode,
            String streetCode, String urgency, String appealType, String content, String previousUnitCode,
            int returnCount, Instant receivedAt, String suggestedUnitCode, String suggestedRuleId,
            String suggestedRuleDescription, QueueReason reason, String address, Double latitude, Double longitude) {
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
    @Inject
    WorkOrderQueries queries;
    @Inject
    Router router;

    @GET
    @Path("reviews/returns")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Return requests (default PENDING), oldest first; unitCode filters by the returning unit; "
            + "page, size; total in X-Total-Count")
    public RestResponse<List<ReturnRequest>> returns(@QueryParam("status") String status,
            @QueryParam("unitCode") String unitCode,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return paged(reviews.returns(status(status), unitCode, page, size));
    }

    @GET
    @Path("reviews/extensions")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Extension requests (default PENDING), oldest first; page, size; total in X-Total-Count")
    public RestResponse<List<ExtensionRequest>> extensions(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return paged(reviews.extensions(status(status), page, size));
    }

    @GET
    @Path("manual-dispatch")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN, Roles.OPERATOR})
    @Transactional
    @Operation(summary = "The manual-dispatch queue (orders no rule could place or returned too often), oldest "
            + "first, each with the routing rules' suggestion; page, size; total in X-Total-Count")
    public RestResponse<List<QueuedOrder>> queue(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        var found = queries.manualQueue(page, size);
        return paged(new WorkOrderQueries.Paged<>(found.items().stream().map(o -> {
            Optional<Router.Route> route = router.route(o.categoryCode, o.districtCode, o.streetCode);
            Location where = Dispatcher.read(o.locationJson, Location.class);
            return new QueuedOrder(o.caseId, o.channel, o.categoryCode, o.districtCode, o.streetCode,
                    o.urgency, o.appealType, o.content, o.previousUnitCode, o.returnCount, o.receivedAt,
                    route.map(Router.Route::unitCode).orElse(null), route.map(Router.Route::ruleId).orElse(null),
                    route.map(Router.Route::ruleDescription).orElse(null),
                    o.queueReason == null ? null : QueueReason.valueOf(o.queueReason),
                    where == null ? null : where.address(), where == null ? null : where.latitude(),
                    where == null ? null : where.longitude());
        }).toList(), page, size, found.total()));
    }

    private static <T> RestResponse<List<T>> paged(WorkOrderQueries.Paged<T> found) {
        return RestResponse.ResponseBuilder.ok(found.items())
                .header(UnitWorkOrderResource.TOTAL_COUNT, found.total()).build();
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
