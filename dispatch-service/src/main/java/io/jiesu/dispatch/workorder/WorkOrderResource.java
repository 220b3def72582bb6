package io.jiesu.dispatch.workorder;

import io.jiesu.contract.event.ContactCommand;
import io.jiesu.contract.event.ExtensionCommand;
import io.jiesu.contract.event.ProgressCommand;
import io.jiesu.contract.event.ReturnCommand;
import io.jiesu.contract.event.SignCommand;
import io.jiesu.dispatch.completion.CompleteRequest;
import io.jiesu.dispatch.review.ReviewResource;
import io.jiesu.dispatch.review.ReviewService;
import io.jiesu.dispatch.supervision.ReminderHandler;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import java.util.List;

/**
 * One work order and the unit actions on it: {@code POST /api/v1/work-orders/{caseId}/{sign|contact|progress|
 * return|extension|complete|co-handlers}}. Actions need the holding unit's token (co-handlers: progress only);
 * another unit's token gets a 403 that says nothing about the order. The body may repeat {@code caseId} (the same
 * JSON as the Kafka command); if it does it must match the path.
 */
@Path("/api/v1/work-orders/{caseId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WorkOrderResource {
    /**
     * A work order with its whole timeline (every round) and {@code allowedActions}: what the caller may do now —
     * for the lead unit its actions ({@code sign}, {@code contact}, …), for a co-handler {@code progress}, for a
     * reviewer or admin the pending decisions ({@code return/decision}, {@code extension/decision},
     * {@code manual-dispatch}); paths relative to {@code /api/v1/work-orders/{caseId}/} except
     * {@code manual-dispatch} ({@code POST /api/v1/manual-dispatch/{caseId}}).
     */
    public record Detail(WorkOrderView order, List<History.Entry> history, List<String> allowedActions) {
    }

    @Inject
    CallerIdentity caller;
    @Inject
    WorkOrderActions actions;
    @Inject
    History history;
    @Inject
    ReviewService reviews;
    @Inject
    ReminderHandler reminders;

    @GET
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.LEADER, Roles.DISTRICT})
    @Transactional
    @Operation(summary = "A work order with its co-handlers, whole timeline and the caller's allowed actions; a "
            + "district token (各区统筹) reads the orders held by its own district's units")
    public Detail get(@PathParam("caseId") String caseId) {
        WorkOrder o = WorkOrder.findById(caseId);
        String viewer = null;
        if (caller.isDistrictScoped() && !caller.isUnitScoped()) {
            io.jiesu.dispatch.supervision.DistrictUnits.requireHeldByOwnDistrict(caller, caseId, o);
        } else if (caller.isUnitScoped()) {
            viewer = caller.requireOwnUnit();
            Actor actor = new Actor(viewer, caller.subject());
            if (o == null || !(viewer.equals(o.unitCode) || CoHandler.isCoHandler(caseId, viewer))) {
                throw WorkOrderActions.notYours(caseId, actor);
            }
        } else if (o == null) {
            throw ProblemException.notFound("no work order for case " + caseId);
        }
        return new Detail(view(o, viewer), history.of(caseId), allowedFor(o, viewer));
    }

    @POST
    @Path("sign")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "签收: sign for the order; the unit then owns it to the end")
    public WorkOrderView sign(@PathParam("caseId") String caseId, SignCommand body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.sign(caseId, actor(), body));
    }

    @POST
    @Path("contact")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "The citizen was contacted (method, note)")
    public WorkOrderView contact(@PathParam("caseId") String caseId, ContactCommand body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.contact(caseId, actor(), body));
    }

    @POST
    @Path("progress")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "A progress report by the lead or a co-handling unit")
    public WorkOrderView progress(@PathParam("caseId") String caseId, ProgressCommand body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.progress(caseId, actor(), body));
    }

    @POST
    @Path("return")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "退单: ask to return the order (before sign-for, within the return window), with a reason")
    public WorkOrderView requestReturn(@PathParam("caseId") String caseId, ReturnCommand body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.requestReturn(caseId, actor(), body));
    }

    @POST
    @Path("extension")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "延期: ask for a later completion deadline, with a reason")
    public WorkOrderView requestExtension(@PathParam("caseId") String caseId, ExtensionCommand body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.requestExtension(caseId, actor(), body));
    }

    @POST
    @Path("complete")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "办结 (有一办一): RESOLVED; PARTLY_RESOLVED + reason; CONDITIONS_BEING_CREATED + reason, plan, "
            + "followUpOn; EXPLAINED + the policy or legal reason. v1's CANNOT_SOLVE + reason is read as EXPLAINED")
    public WorkOrderView complete(@PathParam("caseId") String caseId, CompleteRequest body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.complete(caseId, actor(), body));
    }

    @POST
    @Path("co-handlers")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "协办: the lead adds a co-handling unit")
    public WorkOrderView addCoHandler(@PathParam("caseId") String caseId, CoHandlerRequest body) {
        same(caseId, body == null ? null : body.caseId());
        return view(actions.addCoHandler(caseId, actor(), body));
    }

    @POST
    @Path("return/decision")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Reviewer: decide a return — APPROVED (re-dispatch to newUnitCode) or REJECTED (it stays)")
    public ReviewResource.Decided decideReturn(@PathParam("caseId") String caseId,
            ReviewService.ReturnDecision body) {
        return ReviewResource.Decided.of(reviews.decideReturn(caseId, caller.subject(), body));
    }

    @POST
    @Path("extension/decision")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Reviewer: decide an extension — APPROVED (the deadline moves) or REJECTED")
    public ReviewResource.Decided decideExtension(@PathParam("caseId") String caseId,
            ReviewService.ExtensionDecision body) {
        return ReviewResource.Decided.of(reviews.decideExtension(caseId, caller.subject(), body));
    }

    /** What this caller may do to the order now (see {@link Detail}). */
    private List<String> allowedFor(WorkOrder o, String viewer) {
        if (viewer != null) {
            if (viewer.equals(o.unitCode)) {
                return WorkOrderActions.paths(actions.allowed(o));
            }
            return actions.allowed(o).contains(Action.PROGRESS) ? List.of(Action.PROGRESS.path) : List.of();
        }
        if (!caller.hasRole(Roles.REVIEWER) && !caller.hasRole(Roles.ADMIN)) {
            return List.of();
        }
        List<String> decisions = new java.util.ArrayList<>();
        if (o.state() == WorkOrderStatus.RETURN_REQUESTED) {
            decisions.add("return/decision");
        }
        if (o.extensionPending && o.state().isOpen()) {
            decisions.add("extension/decision");
        }
        if (o.state() == WorkOrderStatus.AWAITING_MANUAL_DISPATCH) {
            decisions.add("manual-dispatch");
        }
        return decisions;
    }

    private Actor actor() {
        return new Actor(caller.requireOwnUnit(), caller.subject());
    }

    private WorkOrderView view(WorkOrder o) {
        return view(o, caller.isUnitScoped() ? caller.unitCode().orElse(null) : null);
    }

    private WorkOrderView view(WorkOrder o, String viewer) {
        boolean lead = viewer == null || viewer.equals(o.unitCode);
        return WorkOrderView.of(o, viewer, lead ? WorkOrderActions.paths(actions.allowed(o)) : List.of());
    }

    private static void same(String path, String body) {
        if (body != null && !body.equals(path)) {
            throw ProblemException.badRequest("caseId: the body names " + body + " but the path names " + path)
                    .with("field", "caseId");
        }
    }

    @POST
    @Path("reminders")
    @RolesAllowed({Roles.DISTRICT, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "催办: urge the unit holding an open order (the lead and its co-handlers get a notice URGE); "
            + "a district token reaches its own district's orders only; at most one per order per "
            + "reminder_interval_minutes (a dispatch setting)")
    @APIResponse(responseCode = "201", description = "sent")
    @APIResponse(responseCode = "403", description = "not an order of the caller's district (says nothing more)")
    @APIResponse(responseCode = "409", description = "the order is completed or nobody holds it to act")
    @APIResponse(responseCode = "422", description = "message missing or too long")
    @APIResponse(responseCode = "429", description = "urged less than the interval ago; Retry-After in seconds")
    public Response urge(@PathParam("caseId") String caseId, ReminderHandler.ReminderRequest body,
            @Context UriInfo uri) {
        return reminders.urge(caseId, body, uri);
    }
}
