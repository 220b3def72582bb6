package io.jiesu.intake.open311;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Admin API of the Open311 partners' api keys: issue (the key is in this answer only), list, revoke. A revoked key
 * is refused from the next submission on, on every instance (keys are looked up per request, not cached).
 */
@Path("/api/v1/admin/open311-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ApiKeyAdminResource {
    public record NewKey(@NotBlank @Size(max = 100) String partner) {
    }

    private final ApiKeys keys;
    private final CallerIdentity caller;

    ApiKeyAdminResource(ApiKeys keys, CallerIdentity caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an api key to a partner app; the key is shown in this answer only")
    public Response issue(@Valid @NotNull NewKey body) {
        ApiKeys.Issued issued = keys.issue(body.partner().trim(), caller.subject());
        return Response.status(201).entity(issued).build();
    }

    @GET
    @Operation(summary = "The issued keys (partner, issued, revoked), never the keys themselves")
    public List<ApiKeys.Key> list() {
        return keys.list();
    }

    @POST
    @Path("{id}/revoke")
    @Operation(summary = "Revoke a key; 409 when it is already revoked")
    public ApiKeys.Key revoke(@PathParam("id") long id) {
        keys.byId(id).orElseThrow(() -> ProblemException.notFound("no api key " + id));
        if (!keys.revoke(id, caller.subject())) {
            throw ProblemException.conflict("api key " + id + " is already revoked");
        }
        return keys.byId(id).orElseThrow();
    }
}
