package io.jiesu.console.services;

import io.jiesu.console.security.ServiceTokens;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Every call to a service carries the signed-in person's token, so the service applies its own checks. */
public class BearerForwarding implements ClientRequestFilter {
    @Inject
    SecurityIdentity identity;
    @Inject
    ServiceTokens tokens;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.bearerFor(identity));
    }
}
