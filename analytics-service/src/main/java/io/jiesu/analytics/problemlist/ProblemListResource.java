package io.jiesu.analytics.problemlist;

import io.jiesu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The year's problem list (年度问题清单). Analysts, leaders and admins propose it from the data; leaders (and admins)
 * adopt, drop and complete entries; the lead department (its unit token) or a leader reports progress monthly.
 * Routing and roles only: the rules are {@link ProposalRanking} and {@link TrackingFigures}, the work {@link ProblemList}.
 */
@Path("/api/v1/problem-list")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemListResource {
    private final ProblemList problems;

    public ProblemListResource(ProblemList problems) {
        this.problems = problems;
    }

    /**
     * Ranks the year's concentrated problems over the 12 months before it ({@code area=city|district}, default from
     * {@code jiesu.analytics.problem-list.area}); new entries are published as
     * {@code jiesu.insight.problem-proposed.v1}; proposing again refreshes PROPOSED entries only.
     */
    @POST
    @Path("{year}/proposals")
    @RolesAllowed({Roles.ANALYST, Roles.LEADER, Roles.ADMIN})
    public Map<String, Object> propose(@PathParam("year") String year, @QueryParam("area") String area) {
        return problems.propose(year, area);
    }

    /** The year's entries with their evidence, plan, three lists and monthly tracking table. */
    @GET
    @RolesAllowed({Roles.ANALYST, Roles.LEADER, Roles.ADMIN})
    public List<Map<String, Object>> list(@QueryParam("year") String year, @QueryParam("status") String status) {
        return problems.list(year, status);
    }

    /** One entry; a unit token reaches the entries its unit leads or co-handles. */
    @GET
    @Path("entries/{entryId}")
    @RolesAllowed({Roles.ANALYST, Roles.LEADER, Roles.ADMIN, Roles.UNIT})
    public Map<String, Object> get(@PathParam("entryId") String entryId) {
        return problems.get(entryId);
    }

    /**
     * Adopts a PROPOSED entry: {@code leadUnitCode} (a DEPARTMENT, else 422), {@code coUnitCodes}, {@code workPlan},
     * {@code targetReductionPct} and the lists ({@code problems}, {@code tasks} with unit and due month,
     * {@code policies}); publishes {@code jiesu.insight.problem-adopted.v1}. 409 when not PROPOSED.
     */
    @POST
    @Path("entries/{entryId}/adopt")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEADER, Roles.ADMIN})
    public Map<String, Object> adopt(@PathParam("entryId") String entryId, ProblemList.Adoption adoption) {
        return problems.adopt(entryId, adoption);
    }

    /** Drops a PROPOSED or ADOPTED entry: {@code {"reason": "…"}}. */
    @POST
    @Path("entries/{entryId}/drop")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEADER, Roles.ADMIN})
    public Map<String, Object> drop(@PathParam("entryId") String entryId, ProblemList.Closing closing) {
        return problems.drop(entryId, closing);
    }

    /** Completes an ADOPTED entry, with an optional closing note {@code {"reason": "…"}}. */
    @POST
    @Path("entries/{entryId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEADER, Roles.ADMIN})
    public Map<String, Object> complete(@PathParam("entryId") String entryId, ProblemList.Closing closing) {
        return problems.complete(entryId, closing);
    }

    /**
     * The month's progress report {@code {month, note, tasksDone: [task numbers]}} by the lead department (a unit
     * token for the entry's lead unit) or a leader/admin; one per month, a later one replaces it.
     */
    @POST
    @Path("entries/{entryId}/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEADER, Roles.ADMIN, Roles.UNIT})
    public Map<String, Object> progress(@PathParam("entryId") String entryId, ProblemList.ProgressReport report) {
        return problems.progress(entryId, report);
    }
}
