package io.jiesu.intake.reference;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.intake.appeal.AppealRequest;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the codes of an appeal against the shared reference data. Every bad code is named, with the resource
 * that lists the valid ones.
 */
@ApplicationScoped
public class ReferenceCheck {
    private final ReferenceData reference = ReferenceData.get();

    public void check(AppealRequest appeal) {
        List<Problem.FieldError> errors = new ArrayList<>();
        var location = appeal.location();
        // after location/LocationResolver: a code still null is a location to confirm, never an error; a code given
        // (or resolved) is checked as before
        String district = location.districtCode();
        String street = location.streetCode();
        if (district != null && reference.district(district).isEmpty()) {
            errors.add(new Problem.FieldError("location.districtCode", "unknown district '" + district
                    + "'; valid codes: GET /api/v1/reference/districts"));
        } else if (street != null && district == null) {
            errors.add(new Problem.FieldError("location.streetCode", "unknown street/town '" + street
                    + "'; valid codes: GET /api/v1/reference/districts/{districtCode}/streets"));
        } else if (street != null && !reference.isStreetOfDistrict(street, district)) {
            errors.add(new Problem.FieldError("location.streetCode", "'" + street
                    + "' is not a street/town of district " + district
                    + "; valid codes: GET /api/v1/reference/districts/" + district + "/streets"));
        } else if (location.communityCode() != null && street == null) {
            errors.add(new Problem.FieldError("location.communityCode", "'" + location.communityCode()
                    + "' is not a community/village code; valid codes: GET /api/v1/reference/streets/{streetCode}"
                    + "/communities (or leave communityCode out and name the community in community)"));
        } else if (location.communityCode() != null
                && !reference.isCommunityOfStreet(location.communityCode(), street)) {
            errors.add(new Problem.FieldError("location.communityCode", communityError(location.communityCode(),
                    street)));
        }
        if (appeal.categoryCode() != null && reference.category(appeal.categoryCode()).isEmpty()) {
            errors.add(new Problem.FieldError("categoryCode", "unknown category '" + appeal.categoryCode()
                    + "'; valid codes: GET /api/v1/categories"));
        }
        var citizen = appeal.citizen();
        if (!citizen.anonymous() && (citizen.phone() == null || citizen.phone().isBlank())) {
            errors.add(new Problem.FieldError("citizen.phone",
                    "required unless the appeal is anonymous (the unit must be able to call back)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Invalid appeal", errors.stream()
                    .map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""))
                    .with("errors", errors);
        }
    }

    /** Says whether the code is unknown or belongs to another street/town, and where the valid ones are. */
    private String communityError(String communityCode, String streetCode) {
        String where = reference.community(communityCode)
                .map(c -> "belongs to street/town " + c.streetCode() + ", not " + streetCode)
                .orElse("is not a community/village code");
        return "'" + communityCode + "' " + where + "; valid codes: GET /api/v1/reference/streets/" + streetCode
                + "/communities (or leave communityCode out and name the community in community)";
    }
}
