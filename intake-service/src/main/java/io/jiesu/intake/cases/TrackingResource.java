package io.jiesu.intake.cases;

import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Citizens' case tracking, asked by a public front (the console's /track page) with its own service identity: role
 * {@value Roles#TRACKING} and nothing else reaches it, and only such a front's word on the client's address
 * ({@value #CLIENT_HEADER}) is taken for the per-client limit.
 */
@Path("/api/v1/case-tracking")
public class TrackingResource {
    public static final String CLIENT_HEADER = "X-Jiesu-Client";
    /** The one answer for every miss: it says nothing about why. */
    static final String MISS = "no case matches that case number and phone number";

    /** The pair a citizen types; anything that is not a case number and its phone is a miss like any other. */
    public record TrackingRequest(String caseId, String phone) {
    }

    private final Tracking tracking;

    TrackingResource(Tracking tracking) {
        this.tracking = tracking;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TRACKING)
    @Operation(summary = "A citizen's case progress, for a case number and the phone that made the case",
            description = "Received, handed to which unit, due by when, completed with what outcome and explanation, "
                    + "visited — never a name, phone, address or the content. Every miss (unknown case, wrong phone, "
                    + "malformed) is the same 404 with the same body. Misses are limited per case number and per "
                    + "client (jiesu.intake.tracking.*): over the limit every lookup, even the right pair, is 429 "
                    + "with Retry-After.")
    @APIResponse(responseCode = "200", description = "the case's progress",
            content = @Content(schema = @Schema(implementation = CaseTracking.class)))
    @APIResponse(responseCode = "404", description = "no case matches the pair (whatever the reason)")
    @APIResponse(responseCode = "429", description = "too many misses for this case number or client; see Retry-After")
    public Response track(@Parameter(description = "the citizen's address as the front saw it (for the per-client "
            + "limit)") @HeaderParam(CLIENT_HEADER) String client,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
                    name = "a citizen tracks a case", value = "{\"caseId\": \"C202611250000042\", "
                            + "\"phone\": \"13800138000\"}"))) TrackingRequest request) {
        Tracking.Answer answer = request == null ? tracking.track(null, null, client)
                : tracking.track(request.caseId(), request.phone(), client);
        if (answer instanceof Tracking.Found found) {
            return Response.ok(found.tracking(), MediaType.APPLICATION_JSON).build();
        }
        if (answer instanceof Tracking.Refused refused) {
            long seconds = Math.max(1, refused.retryAfter().toSeconds() + 1);
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", seconds)
                    .entity(new Problem("about:blank", "Too Many Requests", 429,
                            "too many lookups that did not match; try again later", "/api/v1/case-tracking", null,
                            null)).build();
        }
        throw ProblemException.notFound(MISS);
    }
}
