package io.jiesu.analytics.insight;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/supervision-tasks}: the supervision tasks (督办) made from risk alerts, for the desk of those who
 * follow them up — a district token (各区统筹) reads its own district's tasks ({@code D<district>}) only.
 */
@Path("/api/v1/supervision-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class SupervisionTaskResource {
    private final RiskAlerts alerts;
    private final CallerIdentity caller;

    public SupervisionTaskResource(RiskAlerts alerts, CallerIdentity caller) {
        this.alerts = alerts;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN, Roles.LEADER, Roles.DISTRICT})
    @Transactional
    @Operation(summary = "Supervision tasks from risk alerts, newest first, each with its alert (kind, area, cases, "
            + "status); supervisorUnit=D<district>|CITY filters; a district token reads D<its district> only (403 for "
            + "another)")
    public List<Map<String, Object>> list(@QueryParam("supervisorUnit") String supervisorUnit,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (supervisorUnit != null && !supervisorUnit.matches("D[0-9]{6}|CITY")) {
            throw ProblemException.badRequest("supervisorUnit: D<district code> or CITY").with("field", "supervisorUnit");
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit must be between 1 and 1000").with("field", "limit");
        }
        if (caller.isDistrictScoped()) {
            String own = "D" + caller.requireOwnDistrict();
            if (supervisorUnit != null && !supervisorUnit.equals(own)) {
                throw ProblemException.forbidden("this token is for district " + own.substring(1)
                        + " and reads only its own supervision tasks");
            }
            supervisorUnit = own;
        }
        return alerts.tasks(supervisorUnit, limit);
    }
}
