package io.jiesu.dispatch.workorder;

import io.jiesu.platform.web.QueryParams;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * {@code GET /api/v1/units/{unitCode}/work-orders}: the orders a unit leads or co-handles, newest first, filtered
 * by {@code status} and {@code overdue}; a unit token sees only its own unit. One page ({@code page}, {@code size});
 * the total is the {@code X-Total-Count} header.
 */
@Path("/api/v1/units/{unitCode}/work-orders")
@Produces(MediaType.APPLICATION_JSON)
public class UnitWorkOrderResource {
    @Inject
    CallerIdentity caller;
    @Inject
    WorkOrderActions actions;
    @Inject
    WorkOrderQueries queries;

    /** Paginated lists keep their plain JSON array body; the total count is this header. */
    public static final String TOTAL_COUNT = "X-Total-Count";

    @GET
    @jakarta.transaction.Transactional
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "A unit's work orders (lead and co-handled); filters: status, overdue")
    public RestResponse<List<WorkOrderView>> list(@PathParam("unitCode") String unitCode,
            @QueryParam("status") String status,
            // a String, not a Boolean: JAX-RS would read "maybe" as false
            @QueryParam("overdue") @jakarta.validation.constraints.Pattern(regexp = "true|false",
                    message = "must be true or false") String overdue,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page, // page*size stays an int
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        caller.requireAccessToUnit(unitCode);
        if (ReferenceData.get().unit(unitCode).isEmpty()) {
            throw ProblemException.notFound("no unit " + unitCode);
        }
        WorkOrderStatus wanted = status == null ? null : QueryParams.enumOf(WorkOrderStatus.class, status,
                "status");
        var found = queries.ofUnit(unitCode, wanted, overdue == null ? null : Boolean.valueOf(overdue), page, size);
        List<WorkOrderView> views = found.items().stream()
                .map(o -> WorkOrderView.of(o, unitCode,
                        unitCode.equals(o.unitCode) ? WorkOrderActions.paths(actions.allowed(o)) : List.of()))
                .toList();
        return RestResponse.ResponseBuilder.ok(views).header(TOTAL_COUNT, found.total()).build();
    }
}
