package io.jiesu.console.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the signed-in person from the session cookie on each request, from the account as it is now: a disabled
 * account or a changed role takes effect at the next click, not at the session's end.
 */
@ApplicationScoped
public class AccountSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final AccountService accounts;

    AccountSessionIdentityProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> accounts.active(request.getPrincipal())
                .map(AccountIdentityProvider::identityOf)
                .orElseThrow(() -> new AuthenticationFailedException("account gone or disabled")));
    }
}
