package io.jiesu.intake.assist;

import io.jiesu.contract.event.Enums;
import io.jiesu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/**
 * {@code /api/v1/assist}: hints for the call-taker's screen while a call is on. Phone numbers travel in the body,
 * never in a URL (URLs end up in access logs).
 */
@Path("/api/v1/assist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.TELEPHONY})
public class CallAssistResource {
    public record ClassificationQuery(@NotBlank @Size(max = 4000) String content, Enums.AppealType type) {
    }

    /** The phone number is what the history is about: without one there is nothing to look up (400). */
    public record CallerQuery(
            @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,30}", message = "must be a phone number") String phone,
            @Size(max = 60) String categoryCode, @Size(max = 20) String streetCode, @Size(max = 500) String address) {
    }

    private final CallAssist assist;

    CallAssistResource(CallAssist assist) {
        this.assist = assist;
    }

    @POST
    @Path("classification")
    @Operation(summary = "Suggested categories, urgency and knowledge-base answers for the content typed so far")
    public CallAssist.ClassificationHint classification(@Valid @NotNull ClassificationQuery query) {
        return assist.classify(query.content(), query.type(), Instant.now());
    }

    @POST
    @Path("caller")
    @Operation(summary = "The caller's recent cases, the open case this appeal would repeat, and recent flags")
    public CallAssist.CallerContext caller(@Valid @NotNull CallerQuery query) {
        return assist.caller(query.phone(), query.categoryCode(), query.streetCode(), query.address(), Instant.now());
    }
}
