package io.jiesu.intake.cases;

import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/cases/{caseId}}: status and timeline of one case. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject
    CaseQueries cases;

    @GET
    @Path("{caseId}")
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN})
    public CaseView get(@PathParam("caseId") String caseId) {
        return cases.find(caseId).orElseThrow(() -> ProblemException.notFound("no case " + caseId));
    }
}
