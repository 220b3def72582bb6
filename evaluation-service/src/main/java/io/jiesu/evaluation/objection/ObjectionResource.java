package io.jiesu.evaluation.objection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.Attachment;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ObjectionDecided;
import io.jiesu.contract.event.ObjectionFiled;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.Rows;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Objections (申诉, 容错纠错): the unit a case counts for objects to its scoring within the window; a reviewer
 * accepts (the case leaves the unit's rates from the next calculation) or rejects. Every step is an event on
 * {@code case.evaluation}, so it appears in the case timeline.
 */
@Path("/api/v1/objections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ObjectionResource {
    public record Evidence(@NotBlank @Size(max = 40) String kind,
            @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url) {
    }

    public record Filing(@NotBlank String caseId, @NotNull Enums.ObjectionReason reason,
            @NotBlank @Size(max = 4000) String statement, @Size(max = 20) List<@Valid Evidence> evidence) {
    }

    public record DecisionRequest(@NotNull Enums.ObjectionDecision decision, @NotBlank @Size(max = 2000) String comment) {
    }

    public record ObjectionView(String objectionId, String caseId, String unitCode, Enums.ObjectionReason reason,
            String statement, ObjectionStatus status, Instant filedAt, Instant decidedAt, String reviewer,
            String comment) {
    }

    private final ObjectionRepository objections;
    private final Outbox outbox;
    private final CallerIdentity caller;
    private final Duration window;

    public ObjectionResource(ObjectionRepository objections, Outbox outbox, CallerIdentity caller,
            @ConfigProperty(name = "jiesu.evaluation.objection-window", defaultValue = "P15D") Duration window) {
        this.objections = objections;
        this.outbox = outbox;
        this.caller = caller;
        this.window = window;
    }

    @POST
    @RolesAllowed(Roles.UNIT)
    @Transactional
    @Operation(summary = "A unit objects to one case's scoring", description = "Only the unit the case counts for, "
            + "within the window after completion, one open objection per case.")
    @SuppressWarnings("unchecked")
    public Response file(@Valid @NotNull Filing filing) {
        String unit = caller.requireOwnUnit();
        ObjectionRepository.CaseForObjection kase = objections.lockCase(filing.caseId())
                .filter(c -> unit.equals(c.completionUnit())).orElseThrow(() ->
                        ProblemException.forbidden("unit " + unit + " may object only to cases that count for it"));
        Instant completedAt = kase.completedAt();
        Instant now = Instant.now();
        if (now.isAfter(completedAt.plus(window))) {
            throw ProblemException.conflict("the objection window of " + window.toDays() + " days after completion ("
                    + completedAt + ") has passed");
        }
        if (objections.hasOpenOrAccepted(filing.caseId())) {
            throw ProblemException.conflict("case " + filing.caseId() + " already has an open or accepted objection");
        }
        String id = "O" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        List<Attachment> evidence = filing.evidence() == null ? List.of()
                : filing.evidence().stream().map(e -> new Attachment(e.kind(), e.url())).toList();
        objections.insert(id, filing.caseId(), unit, filing.reason().name(), filing.statement(), json(evidence), now,
                caller.subject());
        outbox.publish(EventCatalog.OBJECTION_FILED, filing.caseId(), now, new ObjectionFiled(id, filing.caseId(),
                unit, filing.reason(), filing.statement(), evidence, now));
        return Response.status(201).entity(view(id)).build();
    }

    @POST
    @Path("{id}/decision")
    @RolesAllowed(Roles.REVIEWER)
    @Transactional
    @Operation(summary = "A reviewer accepts or rejects an objection")
    public ObjectionView decide(@PathParam("id") String id, @Valid @NotNull DecisionRequest decision) {
        ObjectionView current = view(id);
        if (current.status() != ObjectionStatus.PENDING) {
            throw ProblemException.conflict("objection " + id + " is already " + current.status())
                    .with("currentState", current.status());
        }
        Instant now = Instant.now();
        objections.decide(id, current.caseId(), ObjectionStatus.valueOf(decision.decision().name()), now,
                caller.subject(), decision.comment());
        outbox.publish(EventCatalog.OBJECTION_DECIDED, current.caseId(), now, new ObjectionDecided(id,
                current.caseId(), current.unitCode(), decision.decision(), caller.subject(), decision.comment(), now));
        return view(id);
    }

    @GET
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.ADMIN})
    @Transactional
    public List<ObjectionView> list(@QueryParam("status") String status, @QueryParam("unitCode") String unitCode) {
        ObjectionStatus wanted;
        try {
            wanted = status == null ? null : ObjectionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status must be one of " + java.util.Arrays.toString(ObjectionStatus.values()));
        }
        String unit = unitCode;
        if (caller.isUnitScoped()) {
            unit = caller.requireOwnUnit();
            caller.requireAccessToUnit(unitCode == null ? unit : unitCode);
        }
        return objections.ids(wanted, unit).stream().map(this::view).toList();
    }

    ObjectionView view(String id) {
        Object[] r = objections.row(id).orElseThrow(() -> ProblemException.notFound("no objection " + id));
        return new ObjectionView((String) r[0], (String) r[1], (String) r[2], Enums.ObjectionReason.valueOf((String) r[3]),
                (String) r[4], ObjectionStatus.valueOf((String) r[5]), Rows.instant(r[6]), Rows.instant(r[7]),
                (String) r[8], (String) r[9]);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


}
