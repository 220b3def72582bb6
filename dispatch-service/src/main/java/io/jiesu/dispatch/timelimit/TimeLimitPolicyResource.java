package io.jiesu.dispatch.timelimit;

import io.jiesu.contract.event.Enums;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.List;

/**
 * {@code /api/v1/admin/time-limits}: the time-limit policy (data): per urgency and/or appeal type, the sign-for,
 * contact and completion limits and how long before each a reminder goes out. New work orders use the policy of
 * their dispatch time; existing deadlines stay as they were set (extensions move them).
 */
@Path("/api/v1/admin/time-limits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TimeLimitPolicyResource {
    private static final Logger LOG = Logger.getLogger(TimeLimitPolicyResource.class);
    private static final int YEAR = 525_600;

    public record Policy(String id, String urgency, String appealType, @NotNull @Min(0) @Max(1000) Integer priority,
            @NotNull @Min(1) @Max(YEAR) Integer signForMinutes, @NotNull @Min(1) @Max(YEAR) Integer contactMinutes,
            @NotNull @Min(1) @Max(YEAR) Integer completionMinutes,
            @NotNull @Min(0) @Max(YEAR) Integer signForRemindMinutes,
            @NotNull @Min(0) @Max(YEAR) Integer contactRemindMinutes,
            @NotNull @Min(0) @Max(YEAR) Integer completionRemindMinutes,
            @NotBlank @Size(max = 300) String description,
            /** 重办: completion limit of a reopened order; absent = completionMinutes. */
            @Min(1) @Max(YEAR) Integer reopenCompletionMinutes,
            /** Answered, never read: the policy's version after the change. */
            Integer version) {
        static Policy of(TimeLimitPolicy p) {
            return new Policy(p.id, p.urgency, p.appealType, p.priority, p.signForMinutes, p.contactMinutes,
                    p.completionMinutes, p.signForRemindMinutes, p.contactRemindMinutes, p.completionRemindMinutes,
                    p.description, p.reopenCompletionMinutes, p.version);
        }
    }

    private final TimeLimitAudit audit;
    private final CallerIdentity caller;

    TimeLimitPolicyResource(TimeLimitAudit audit, CallerIdentity caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    public List<TimeLimitAudit.Entry> history(@PathParam("id") String id) {
        if (TimeLimitPolicy.findById(id) == null) {
            throw ProblemException.notFound("no time-limit policy " + id);
        }
        return audit.of(id);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.UNIT, Roles.OPERATOR})
    public List<Policy> list() {
        return TimeLimitPolicy.<TimeLimitPolicy>listAll().stream().map(Policy::of).toList();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response put(@PathParam("id") @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9-]{2,60}",
            message = "lower-case letters, digits and - (2-60)") String id, @Valid @NotNull Policy policy) {
        if (policy.urgency() != null && Arrays.stream(Enums.Urgency.values()).noneMatch(u -> u.name().equals(policy.urgency()))) {
            throw ProblemException.unprocessable("urgency must be null or one of " + Arrays.toString(Enums.Urgency.values()));
        }
        if (policy.appealType() != null
                && Arrays.stream(Enums.AppealType.values()).noneMatch(t -> t.name().equals(policy.appealType()))) {
            throw ProblemException.unprocessable("appealType must be null or one of "
                    + Arrays.toString(Enums.AppealType.values()));
        }
        if (policy.signForRemindMinutes() >= policy.signForMinutes() || policy.contactRemindMinutes() >= policy.contactMinutes()
                || policy.completionRemindMinutes() >= policy.completionMinutes()) {
            throw ProblemException.unprocessable("a reminder must come before its deadline (remind minutes < limit)");
        }
        TimeLimitPolicy p = TimeLimitPolicy.findById(id);
        boolean created = p == null;
        if (created) {
            p = new TimeLimitPolicy();
            p.id = id;
        }
        p.urgency = policy.urgency();
        p.appealType = policy.appealType();
        p.priority = policy.priority();
        p.signForMinutes = policy.signForMinutes();
        p.contactMinutes = policy.contactMinutes();
        p.completionMinutes = policy.completionMinutes();
        p.signForRemindMinutes = policy.signForRemindMinutes();
        p.contactRemindMinutes = policy.contactRemindMinutes();
        p.completionRemindMinutes = policy.completionRemindMinutes();
        p.description = policy.description();
        p.reopenCompletionMinutes = policy.reopenCompletionMinutes();
        p.version = created ? 1 : p.version + 1;
        p.persist();
        audit.record(Policy.of(p), created ? "CREATED" : "CHANGED", caller.subject());
        LOG.infof("time-limit policy %s %s (version %d) by %s: %s", id, created ? "created" : "changed", p.version,
                caller.subject(), policy.description());
        return Response.status(created ? 201 : 200).entity(Policy.of(p)).build();
    }
}
