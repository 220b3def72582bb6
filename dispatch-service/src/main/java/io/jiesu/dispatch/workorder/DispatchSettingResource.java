package io.jiesu.dispatch.workorder;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * {@code /api/v1/admin/settings}: dispatch settings as data (return window, max returns, max handling rounds of
 * 重办). A change names the version it read ({@code expectedVersion}) and a reason; every version is kept.
 */
@Path("/api/v1/admin/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DispatchSettingResource {
    /** Body of a change. */
    public record ChangeRequest(String value, Integer expectedVersion, String reason) {
    }

    private final DispatchSettings settings;
    private final CallerIdentity caller;

    @Inject
    public DispatchSettingResource(DispatchSettings settings, CallerIdentity caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.OPERATOR})
    @Operation(summary = "Dispatch settings with their versions")
    public List<DispatchSettings.Setting> list() {
        return settings.list();
    }

    @GET
    @Path("{name}/history")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.OPERATOR})
    @Operation(summary = "Every version of a setting: old and new value, who and why")
    public List<DispatchSettings.Change> history(@PathParam("name") String name) {
        if (!DispatchSettings.RANGES.containsKey(name)) {
            throw ProblemException.notFound("no setting " + name + "; settings: "
                    + DispatchSettings.RANGES.keySet().stream().sorted().toList());
        }
        return settings.history(name);
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a setting: {value, expectedVersion, reason}")
    public DispatchSettings.Setting change(@PathParam("name") String name, ChangeRequest body) {
        if (body == null || body.expectedVersion() == null) {
            throw ProblemException.unprocessable("expectedVersion: required, the version you read")
                    .with("field", "expectedVersion");
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 2000) {
            throw ProblemException.unprocessable("reason: required, at most 2000 characters").with("field", "reason");
        }
        return settings.change(name, body.value(), body.expectedVersion(), caller.subject(), body.reason().strip());
    }
}
