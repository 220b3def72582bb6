package io.jiesu.dispatch.routing;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

/**
 * The responsibility list (职责清单) as an admin resource: rules match category × district × street/town; the most
 * specific active rule wins (street/town 4, district 2, category +1); a rule sends the case to the street/town of the
 * location (LOCATION_STREET, 属地), to a unit (UNIT) or to a department's branch in the appeal's district
 * (DISTRICT_BRANCH); every change is a new version with an audit entry. Admins change it; reviewers and operators
 * read it.
 */
@Path("/api/v1/routing-rules")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RoutingRuleResource {
    @Inject
    RoutingRuleAdmin admin;
    @Inject
    CallerIdentity caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.OPERATOR})
    @Operation(summary = "The responsibility list (active=true|false filters)")
    public List<RoutingRuleAdmin.RuleView> list(@QueryParam("active")
            @jakarta.validation.constraints.Pattern(regexp = "true|false", message = "must be true or false") String active) {
        // a String, not a Boolean: JAX-RS would read "maybe" as false and answer as if asked for inactive rules
        return admin.list(active == null ? null : Boolean.valueOf(active));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.OPERATOR})
    public RoutingRuleAdmin.RuleView get(@PathParam("id") String id) {
        return admin.get(id);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.OPERATOR})
    @Operation(summary = "Every version of the rule: who, when, why and what it said")
    public List<RoutingRuleAdmin.AuditEntry> history(@PathParam("id") String id) {
        return admin.history(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a rule (version 1)")
    public Response create(RoutingRuleAdmin.RuleRequest body) {
        RoutingRuleAdmin.RuleView created = admin.create(body, caller.subject());
        return Response.created(URI.create("/api/v1/routing-rules/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a rule: a new version; expectedVersion must be the current one (else 409)")
    public RoutingRuleAdmin.RuleView update(@PathParam("id") String id, RoutingRuleAdmin.RuleRequest body) {
        return admin.update(id, body, caller.subject());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deactivate a rule (a new, inactive version; rules are never deleted)")
    public RoutingRuleAdmin.RuleView deactivate(@PathParam("id") String id,
            @QueryParam("expectedVersion") Integer expectedVersion, @QueryParam("reason") String reason) {
        return admin.deactivate(id, expectedVersion, reason, caller.subject());
    }
}
