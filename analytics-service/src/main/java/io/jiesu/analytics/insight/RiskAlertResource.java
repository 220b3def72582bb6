package io.jiesu.analytics.insight;

import io.jiesu.contract.event.Enums;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Risk alerts (风险预警) and what is done about them. Analysts, reviewers and admins see and act on every alert; a
 * district token (各区统筹) only on its own district's alerts (403 otherwise); operators may still close one.
 */
@Path("/api/v1/risk-alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN, Roles.DISTRICT})
public class RiskAlertResource {
    public record WorkOrderRequest(@NotBlank @Size(max = 64) String unitCode,
            @NotBlank @Size(max = 2000) String content, @NotNull LocalDate dueDate) {
    }

    public record TaskRequest(@NotBlank @Pattern(regexp = "D[0-9]{6}|CITY", message = "D<districtCode> or CITY") String supervisorUnit,
            @NotBlank @Size(max = 2000) String note, @NotNull LocalDate dueDate) {
    }

    /** The close body: the note is required (checked in {@link #noteOf}). */
    public record CloseRequest(String note) {
    }

    @Inject
    RiskAlerts alerts;
    @Inject
    RiskAlertActions actions;
    @Inject
    CallerIdentity caller;

    @GET
    @Transactional
    @Operation(summary = "Risk alerts, newest first; a district token sees only its own district's")
    public List<Map<String, Object>> list(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("districtCode") String districtCode, @QueryParam("limit") @DefaultValue("100") int limit) {
        RiskAlertStatus wantedStatus = QueryParams.enumOf(RiskAlertStatus.class, status, "status");
        Enums.RiskKind wantedKind = QueryParams.enumOf(Enums.RiskKind.class, kind, "kind");
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit must be between 1 and 1000");
        }
        if (caller.isDistrictScoped()) {
            if (districtCode != null) {
                caller.requireAccessToDistrict(districtCode);
            }
            districtCode = caller.requireOwnDistrict();
        }
        return alerts.list(wantedStatus, wantedKind, districtCode, limit);
    }

    @GET
    @Path("{insightId}")
    @Transactional
    @Operation(summary = "One risk alert with its actions (proactive work orders and supervision tasks)")
    public Map<String, Object> get(@PathParam("insightId") String insightId) {
        RiskAlerts.Alert alert = reachable(insightId, false);
        Map<String, Object> out = RiskAlerts.view(alert);
        out.put("actions", alerts.actions(insightId));
        out.put("supervisorUnits", RiskAlertActions.supervisorsOf(alert));
        return out;
    }

    @POST
    @Path("{insightId}/work-order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "A proactive work order (未诉先办) for a handling unit: jiesu.insight.proactive-work-order-requested.v1")
    public Response workOrder(@PathParam("insightId") String insightId, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "visit the caller's building",
            value = "{\"unitCode\": \"110105001\", \"content\": \"上门核实燃气异味并排查楼内管线\", \"dueDate\": \"2026-12-08\"}")))
            @Valid @NotNull WorkOrderRequest body) {
        RiskAlerts.Alert alert = reachable(insightId, true);
        RiskAlerts.Action action = actions.workOrder(alert, body.unitCode().strip(), body.content().strip(),
                body.dueDate(), caller.subject());
        return Response.status(201).entity(answer(insightId, action)).build();
    }

    @POST
    @Path("{insightId}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "A supervision task (督办) for D<district> or CITY: jiesu.insight.supervision-task-assigned.v1")
    public Response task(@PathParam("insightId") String insightId, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "the district follows it up",
            value = "{\"supervisorUnit\": \"D110105\", \"note\": \"请区统筹协调街道和派出所当日上门核实\", \"dueDate\": \"2026-12-07\"}")))
            @Valid @NotNull TaskRequest body) {
        RiskAlerts.Alert alert = reachable(insightId, true);
        RiskAlerts.Action action = actions.task(alert, body.supervisorUnit(), body.note().strip(), body.dueDate(),
                caller.subject());
        return Response.status(201).entity(answer(insightId, action)).build();
    }

    @POST
    @Path("{insightId}/close")
    @RolesAllowed({Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN, Roles.DISTRICT, Roles.OPERATOR})
    @Transactional
    @Operation(summary = "Close the alert with a note (required): jiesu.insight.risk-alert-closed.v1")
    public Map<String, Object> close(@PathParam("insightId") String insightId, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CloseRequest.class),
            examples = @ExampleObject(name = "handled",
            value = "{\"note\": \"街道与社区民警已上门，当事人情绪稳定，已联系家属\"}"))) String body) {
        // read by hand: an old caller's bodiless close (any or no content type) gets a 400 saying what to send
        RiskAlerts.Alert alert = reachable(insightId, true);
        String note = noteOf(body);
        actions.close(alert, note, caller.subject());
        return get(insightId);
    }

    /** The note of a close body {@code {"note": "…"}}; 400 when missing, blank, too long or not JSON. */
    static String noteOf(String body) {
        String missing = "a risk alert closes with a note saying how it was handled: send {\"note\": \"…\"}";
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest(missing).with("field", "note");
        }
        CloseRequest request;
        try {
            request = io.jiesu.contract.Json.mapper().readValue(body, CloseRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not JSON of the form {\"note\": \"…\"}").with("field", "note");
        }
        if (request == null || request.note() == null || request.note().isBlank()) {
            throw ProblemException.badRequest(missing).with("field", "note");
        }
        if (request.note().strip().length() > 2000) {
            throw ProblemException.badRequest("note: at most 2000 characters").with("field", "note");
        }
        return request.note().strip();
    }

    /** The alert, if it exists and the caller may reach it (a district token: its own district's only). */
    private RiskAlerts.Alert reachable(String insightId, boolean lock) {
        RiskAlerts.Alert alert = alerts.find(insightId, lock)
                .orElseThrow(() -> ProblemException.notFound("no risk alert " + insightId));
        if (caller.isDistrictScoped()) {
            caller.requireAccessToDistrict(alert.districtCode());
        }
        return alert;
    }

    private static Map<String, Object> answer(String insightId, RiskAlerts.Action action) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("insightId", insightId);
        out.put("status", RiskAlertStatus.ACTING);
        out.put("action", action);
        return out;
    }

}
