package io.jiesu.whistle.policy;

import io.jiesu.contract.event.Enums;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** {@code /api/v1/admin/report-in-policy}: report-in limits and escalation steps per urgency. */
@Path("/api/v1/admin/report-in-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportInPolicyResource {
    public record Policy(String urgency, @NotNull @Min(1) @Max(31_536_000) Integer reportInSeconds,
            @NotNull @Min(1) @Max(31_536_000) Integer districtEscalationSeconds) {
        static Policy of(ReportInPolicy p) {
            return new Policy(p.urgency, p.reportInSeconds, p.districtEscalationSeconds);
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.UNIT})
    public List<Policy> list() {
        return ReportInPolicy.<ReportInPolicy>listAll().stream().map(Policy::of).toList();
    }

    @PUT
    @Path("{urgency}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Policy put(@PathParam("urgency") String urgency, @Valid @NotNull Policy policy) {
        try {
            Enums.Urgency.valueOf(urgency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("urgency must be one of " + List.of(Enums.Urgency.values()));
        }
        ReportInPolicy p = ReportInPolicy.findById(urgency);
        if (p == null) {
            p = new ReportInPolicy();
            p.urgency = urgency;
        }
        p.reportInSeconds = policy.reportInSeconds();
        p.districtEscalationSeconds = policy.districtEscalationSeconds();
        p.updatedAt = Instant.now();
        p.persist();
        return Policy.of(p);
    }
}
