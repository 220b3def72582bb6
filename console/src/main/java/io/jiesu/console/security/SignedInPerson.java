package io.jiesu.console.security;

import io.jiesu.console.account.AccountIdentityProvider;
import io.jiesu.console.account.Role;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is signed in, whether through a local account or the city's OIDC provider: name, role and (for units) unit
 * code or (for districts) district code — exactly what the services will see in the token.
 */
public record SignedInPerson(String username, String displayName, Role role, String unitCode, String districtCode) {
    public static final String UNIT_CODE_CLAIM = "unit_code";
    public static final String DISTRICT_CODE_CLAIM = "district_code";

    public static Optional<SignedInPerson> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        Optional<Role> role = identity.getRoles().stream().map(Role::fromClaim).flatMap(Optional::stream)
                .findFirst();
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Principal principal = identity.getPrincipal();
        String unit = identity.getAttribute(AccountIdentityProvider.UNIT_CODE);
        String district = identity.getAttribute(AccountIdentityProvider.DISTRICT_CODE);
        String display = identity.getAttribute(AccountIdentityProvider.DISPLAY_NAME);
        if (principal instanceof JsonWebToken jwt) { // signed in through OIDC: the claims say it
            unit = unit != null ? unit : jwt.getClaim(UNIT_CODE_CLAIM);
            district = district != null ? district : jwt.getClaim(DISTRICT_CODE_CLAIM);
            display = display != null ? display : jwt.getClaim("name");
        }
        return Optional.of(new SignedInPerson(principal.getName(), display == null ? principal.getName() : display,
                role.get(), unit, district));
    }

    public boolean is(Role r) {
        return role == r;
    }
}
