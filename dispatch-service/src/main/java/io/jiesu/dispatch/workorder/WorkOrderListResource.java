package io.jiesu.dispatch.workorder;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.jiesu.dispatch.supervision.DistrictUnits;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/work-orders}: across all units, for hotline reviewers and admins — the open orders that are
 * overdue ({@code overdue=true}) or whose running deadline (sign-for, contact or completion, by state) falls within
 * the next {@code dueWithinHours}; filtered by district, unit kind, unit, category and status; one page with the
 * total count. {@code districtCode} keeps the orders held by that district's own units (its streets/towns, its
 * government and the departments' branches there); a district coordinator's token (各区统筹) always reads with its
 * own district there and gets a 403 for another district or a unit outside it.
 */
@Path("/api/v1") // not "/api/v1/work-orders": a literal root there would hide the 405s of /work-orders/{caseId}/…
@Produces(MediaType.APPLICATION_JSON)
public class WorkOrderListResource {
    /** A row of the list: enough for a screen's table; the detail is {@code GET /api/v1/work-orders/{caseId}}. */
    public record Summary(String caseId, String unitCode, String unitName, UnitKind unitKind, String status, int round,
            String urgency, String appealType, String categoryCode, String districtCode, String streetCode,
            Instant dispatchedAt, Instant signForDeadline, Instant contactDeadline, Instant completionDeadline,
            Instant nextDeadline, boolean overdue, boolean extensionPending, int returnCount, int repeatCount,
            String channel) {
        static Summary of(WorkOrder o) {
            Unit unit = o.unitCode == null ? null : ReferenceData.get().unit(o.unitCode).orElse(null);
            return new Summary(o.caseId, o.unitCode, unit == null ? null : unit.name(),
                    unit == null ? null : unit.kind(), o.status, o.round, o.urgency, o.appealType, o.categoryCode,
                    o.districtCode, o.streetCode, o.dispatchedAt, o.signForDeadline, o.contactDeadline,
                    o.completionDeadline, o.nextDeadline, o.overdue, o.extensionPending, o.returnCount,
                    o.repeatCount, o.channel);
        }
    }

    private final WorkOrderQueries queries;
    private final CallerIdentity caller;

    @Inject
    public WorkOrderListResource(WorkOrderQueries queries, CallerIdentity caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("work-orders")
    @RolesAllowed({Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.LEADER, Roles.DISTRICT})
    @Transactional
    @Operation(summary = "Open orders overdue (overdue=true) or due within the next hours (dueWithinHours=N), across "
            + "units; filters district (the appeal's location), districtCode (held by that district's own units), "
            + "unitKind, unitCode, category, status; sort nextDeadline|completionDeadline|dispatchedAt|receivedAt "
            + "(prefix - for descending); page, size; answers items and total. A district token (各区统筹) reads its "
            + "own district only (districtCode defaults to it; another district or a unit outside it is a 403)")
    public WorkOrderQueries.Paged<Summary> list(
            @QueryParam("overdue") @jakarta.validation.constraints.Pattern(regexp = "true",
                    message = "must be true (for orders not overdue, use dueWithinHours)") String overdue,
            @QueryParam("dueWithinHours") @Min(1) @Max(24 * 366) Integer dueWithinHours,
            @QueryParam("district") String district,
            @QueryParam("districtCode") String districtCode,
            @QueryParam("unitKind") String unitKind,
            @QueryParam("unitCode") String unitCode,
            @QueryParam("category") String category,
            @QueryParam("status") String status,
            @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        boolean isOverdue = "true".equals(overdue);
        if (isOverdue == (dueWithinHours != null)) {
            throw ProblemException.badRequest("name exactly one of overdue=true or dueWithinHours=N (1.."
                    + 24 * 366 + ")").with("field", "overdue");
        }
        if (district != null && ReferenceData.get().district(district).isEmpty()) {
            throw ProblemException.badRequest("district: no district " + district + " in the reference data")
                    .with("field", "district");
        }
        if (caller.isDistrictScoped()) {
            // 各区统筹: its own district's units only; the same 403 whatever the other district holds
            if (districtCode == null) {
                districtCode = caller.requireOwnDistrict();
            }
            caller.requireAccessToDistrict(districtCode);
            if (unitCode != null && !DistrictUnits.holds(districtCode, unitCode)) {
                throw ProblemException.forbidden("this token is for district " + districtCode
                        + " and reaches only the units of that district");
            }
        } else if (districtCode != null && ReferenceData.get().district(districtCode).isEmpty()) {
            throw ProblemException.badRequest("districtCode: no district " + districtCode + " in the reference data")
                    .with("field", "districtCode");
        }
        if (category != null && ReferenceData.get().category(category).isEmpty()) {
            throw ProblemException.badRequest("category: no category " + category + " in the reference data")
                    .with("field", "category");
        }
        if (sort != null && !WorkOrderQueries.SORT_KEYS.contains(sort.startsWith("-") ? sort.substring(1) : sort)) {
            throw ProblemException.badRequest("sort: one of " + WorkOrderQueries.SORT_KEYS + ", - before it for "
                    + "descending").with("field", "sort");
        }
        WorkOrderQueries.Filter filter = new WorkOrderQueries.Filter(isOverdue,
                dueWithinHours == null ? null : Duration.ofHours(dueWithinHours), district,
                QueryParams.enumOf(UnitKind.class, unitKind, "unitKind"), category,
                QueryParams.enumOf(WorkOrderStatus.class, status, "status"),
                unitCode, districtCode == null ? null : DistrictUnits.codes(districtCode));
        var found = queries.search(filter, sort, page, size);
        return new WorkOrderQueries.Paged<>(found.items().stream().map(Summary::of).toList(), page, size,
                found.total());
    }

}
