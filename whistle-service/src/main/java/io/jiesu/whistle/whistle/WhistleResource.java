package io.jiesu.whistle.whistle;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/** The whistle API: blow, report in, close, look. */
@Path("/api/v1/whistles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WhistleResource {
    @Inject
    WhistleService whistles;
    @Inject
    CallerIdentity caller;

    @POST
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "Blow the whistle (吹哨)", description = "Only the lead street/town of the case, or a "
            + "street/town about its own area when there is no case; summons departments and enterprises.")
    public Response blow(@Valid @NotNull WhistleRequests.Blow request) {
        Whistle w = whistles.blow(caller.requireOwnUnit(), request);
        return Response.created(URI.create("/api/v1/whistles/" + w.whistleId)).entity(view(w.whistleId)).build();
    }

    @POST
    @Path("{id}/reports")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "Report in (报到)", description = "Only a summoned unit; after the deadline it is accepted "
            + "and marked late.")
    public Response report(@PathParam("id") String id, @Valid @NotNull WhistleRequests.Report report) {
        Summons s = whistles.reportIn(id, caller.requireOwnUnit(), report);
        return Response.status(201).entity(WhistleRequests.SummonsView.of(s)).build();
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "Close the whistle with the joint outcome (lead only)")
    public WhistleRequests.WhistleView close(@PathParam("id") String id, @Valid @NotNull WhistleRequests.Close close) {
        whistles.close(id, caller.requireOwnUnit(), close);
        return view(id);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.UNIT, Roles.REVIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "A whistle: who has and has not reported in", description = "Units see only whistles "
            + "they lead or are summoned by.")
    @Transactional
    public WhistleRequests.WhistleView get(@PathParam("id") String id) {
        Whistle w = Whistle.findById(id);
        if (caller.isUnitScoped()) {
            String unit = caller.requireOwnUnit();
            boolean involved = w != null && (w.leadUnitCode.equals(unit)
                    || Summons.findById(WhistleService.key(id, unit)) != null);
            if (!involved) {
                throw ProblemException.forbidden("this token reaches only whistles its unit leads or is summoned by");
            }
        } else if (w == null) {
            throw ProblemException.notFound("no whistle " + id);
        }
        return WhistleRequests.WhistleView.of(w, Summons.of(id));
    }

    @Transactional
    WhistleRequests.WhistleView view(String id) {
        return WhistleRequests.WhistleView.of(Whistle.findById(id), Summons.of(id));
    }
}
