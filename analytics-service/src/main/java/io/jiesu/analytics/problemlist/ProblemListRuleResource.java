package io.jiesu.analytics.problemlist;

import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * The thresholds of the year's problem-list proposal as data: read by analysts and leaders, changed by an
 * administrator with a reason (audited). Routing and roles only; the rule is {@link ProblemListRule}.
 */
@Path("/api/v1/admin/problem-list/rule")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemListRuleResource {
    private final ProblemListRules rules;

    public ProblemListRuleResource(ProblemListRules rules) {
        this.rules = rules;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.LEADER, Roles.ANALYST})
    @Operation(summary = "The problem-list rule in force (source CONFIG: the defaults; ADMIN: set here)")
    public ProblemListRule current() {
        return rules.current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the thresholds (top 1..50, minAppeals ≥ 1, minMonths 1..12, area CITY|DISTRICT, "
            + "reason); 422 lists every problem; the next proposal uses them")
    public ProblemListRule change(ProblemListRule.Change change) {
        return rules.change(change);
    }

    @GET
    @Path("history")
    @RolesAllowed({Roles.ADMIN, Roles.LEADER, Roles.ANALYST})
    @Operation(summary = "The changes, newest first, with who and why")
    public List<ProblemListRule> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.badRequest("limit must be 1..500; got " + limit);
        }
        return rules.history(limit);
    }
}
