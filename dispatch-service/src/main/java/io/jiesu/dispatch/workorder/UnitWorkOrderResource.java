package io.jiesu.dispatch.workorder;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.quarkus.panache.common.Page;
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

import java.util.List;

/** {@code GET /api/v1/units/{unitCode}/work-orders}: a unit's own work orders; a unit token sees only its own. */
@Path("/api/v1/units/{unitCode}/work-orders")
@Produces(MediaType.APPLICATION_JSON)
public class UnitWorkOrderResource {
    @Inject
    CallerIdentity caller;

    @GET
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN})
    public List<WorkOrderView> list(@PathParam("unitCode") String unitCode,
            @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        caller.requireAccessToUnit(unitCode);
        if (ReferenceData.get().unit(unitCode).isEmpty()) {
            throw ProblemException.notFound("no unit " + unitCode);
        }
        if (status != null) {
            try {
                WorkOrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status must be one of " + List.of(WorkOrderStatus.values()));
            }
        }
        var query = status == null
                ? WorkOrder.<WorkOrder>find("unitCode", Sort.descending("dispatchedAt"), unitCode)
                : WorkOrder.<WorkOrder>find("unitCode = ?1 and status = ?2", Sort.descending("dispatchedAt"),
                        unitCode, status);
        return query.page(Page.of(page, size)).list().stream().map(WorkOrderView::of).toList();
    }
}
