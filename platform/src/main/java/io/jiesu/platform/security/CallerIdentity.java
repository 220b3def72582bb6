package io.jiesu.platform.security;

import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Who is calling, from the verified bearer token, and the per-unit isolation rule: a unit's token reaches only its
 * own unit's data. A refusal is a 403 that says nothing about whether the other unit's object exists.
 */
@RequestScoped
public class CallerIdentity {
    @Inject
    JsonWebToken jwt;

    public String subject() {
        return jwt.getName();
    }

    public boolean hasRole(String role) {
        return jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    /** The unit of a unit token, if any. */
    public Optional<String> unitCode() {
        Object claim = jwt.getClaim(Roles.UNIT_CODE_CLAIM);
        return Optional.ofNullable(claim == null ? null : claim.toString().replace("\"", ""));
    }

    /** True for callers that act for one unit only (the unit role without a wider role). */
    public boolean isUnitScoped() {
        return hasRole(Roles.UNIT) && !hasRole(Roles.ADMIN) && !hasRole(Roles.REVIEWER) && !hasRole(Roles.OPERATOR);
    }

    /** Refuses (403) a unit-scoped caller acting on another unit's data. Wider roles pass. */
    public void requireAccessToUnit(String unitCode) {
        if (!isUnitScoped()) {
            return;
        }
        String own = unitCode().orElseThrow(() -> ProblemException.forbidden(
                "a unit token must carry the " + Roles.UNIT_CODE_CLAIM + " claim"));
        if (!own.equals(unitCode)) {
            throw ProblemException.forbidden("this token is for unit " + own + " and reaches only that unit's data");
        }
    }

    /** The caller's own unit; 403 when the token names none. */
    public String requireOwnUnit() {
        return unitCode().orElseThrow(() -> ProblemException.forbidden(
                "this action needs a unit token carrying the " + Roles.UNIT_CODE_CLAIM + " claim"));
    }

    /** The district of a district token, if any. */
    public Optional<String> districtCode() {
        Object claim = jwt.getClaim(Roles.DISTRICT_CODE_CLAIM);
        return Optional.ofNullable(claim == null ? null : claim.toString().replace("\"", ""));
    }

    /** True for callers that act for one district only (the district role without a wider role). */
    public boolean isDistrictScoped() {
        return hasRole(Roles.DISTRICT) && !hasRole(Roles.ADMIN) && !hasRole(Roles.REVIEWER) && !hasRole(Roles.LEADER);
    }

    /** Refuses (403) a district-scoped caller reaching into another district. Wider roles pass. */
    public void requireAccessToDistrict(String districtCode) {
        if (!isDistrictScoped()) {
            return;
        }
        String own = requireOwnDistrict();
        if (!own.equals(districtCode)) {
            throw ProblemException.forbidden("this token is for district " + own + " and reaches only that district");
        }
    }

    /** The caller's own district; 403 when the token names none. */
    public String requireOwnDistrict() {
        return districtCode().orElseThrow(() -> ProblemException.forbidden(
                "this action needs a district token carrying the " + Roles.DISTRICT_CODE_CLAIM + " claim"));
    }
}
