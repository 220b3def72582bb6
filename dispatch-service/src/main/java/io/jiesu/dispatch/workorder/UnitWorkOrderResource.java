package io.jiesu.dispatch.workorder;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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

import java.util.List;

/**
 * {@code GET /api/v1/units/{unitCode}/work-orders}: the orders a unit leads or co-handles, newest first, filtered
 * by {@code status} and {@code overdue}; a unit token sees only its own unit.
 */
@Path("/api/v1/units/{unitCode}/work-orders")
@Produces(MediaType.APPLICATION_JSON)
public class UnitWorkOrderResource {
    @Inject
    CallerIdentity caller;
    @Inject
    WorkOrderActions actions;

    @GET
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "A unit's work orders (lead and co-handled); filters: status, overdue")
    public List<WorkOrderView> list(@PathParam("unitCode") String unitCode,
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
        StringBuilder query = new StringBuilder("(unitCode = :unit or caseId in "
                + "(select c.caseId from CoHandler c where c.unitCode = :unit))");
        Parameters params = Parameters.with("unit", unitCode);
        if (status != null) {
            try {
                WorkOrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status must be one of " + List.of(WorkOrderStatus.values()));
            }
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (overdue != null) {
            query.append(" and overdue = :overdue");
            params.and("overdue", Boolean.valueOf(overdue));
        }
        return WorkOrder.<WorkOrder>find(query.toString(), Sort.descending("dispatchedAt"), params)
                .page(Page.of(page, size)).list().stream()
                .map(o -> WorkOrderView.of(o, unitCode,
                        unitCode.equals(o.unitCode) ? WorkOrderActions.paths(actions.allowed(o)) : List.of()))
                .toList();
    }
}
