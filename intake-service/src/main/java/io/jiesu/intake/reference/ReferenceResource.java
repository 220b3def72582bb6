package io.jiesu.intake.reference;

import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.Community;
import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * The catalogue and the area codes a caller needs to fill in an appeal — district → street/town → community, the
 * console's pickers. Any authenticated caller may read them.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ReferenceResource {
    private final ReferenceData reference = ReferenceData.get();

    @GET
    @Path("categories")
    public List<Category> categories() {
        return reference.categories();
    }

    @GET
    @Path("reference/districts")
    public List<District> districts() {
        return reference.districts();
    }

    @GET
    @Path("reference/districts/{districtCode}/streets")
    public List<Unit> streets(@PathParam("districtCode") String districtCode) {
        if (reference.district(districtCode).isEmpty()) {
            throw ProblemException.notFound("no district " + districtCode + "; see GET /api/v1/reference/districts");
        }
        return reference.streetsAndTowns(districtCode);
    }

    @GET
    @Path("reference/streets/{streetCode}/communities")
    @Operation(summary = "The communities and villages (社区/村) of a street/town: the codes for location.communityCode")
    public List<Community> communities(@PathParam("streetCode") String streetCode) {
        if (!reference.unit(streetCode).map(u -> u.kind().isStreetOrTown()).orElse(false)) {
            throw ProblemException.notFound("no street/town " + streetCode
                    + "; see GET /api/v1/reference/districts/{districtCode}/streets");
        }
        return reference.communitiesOf(streetCode);
    }
}
