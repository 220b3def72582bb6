package io.jiesu.console.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Signs a person in with a local account's password (form sign-in), counting wrong passwords towards lockout. */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(AccountIdentityProvider.class);
    public static final String UNIT_CODE = "unit_code";
    public static final String DISTRICT_CODE = "district_code";
    public static final String DISPLAY_NAME = "display_name";

    private final AccountService accounts;

    AccountIdentityProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String username = request.getUsername() == null ? "" : request.getUsername().trim().toLowerCase();
            String password = new String(request.getPassword().getPassword());
            AccountService.SignIn result = accounts.signIn(username, password, Instant.now());
            if (result != AccountService.SignIn.OK) {
                LOG.infof("sign-in refused for '%s': %s", username, result);
                throw new AuthenticationFailedException(result.name());
            }
            LOG.infof("%s signed in", username);
            return identityOf(accounts.active(username).orElseThrow(AuthenticationFailedException::new));
        });
    }

    static SecurityIdentity identityOf(Account account) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.username))
                .addRole(account.role.claim())
                .addAttribute(DISPLAY_NAME, account.displayName == null ? account.username : account.displayName);
        if (account.unitCode != null) {
            builder.addAttribute(UNIT_CODE, account.unitCode);
        }
        if (account.districtCode != null) {
            builder.addAttribute(DISTRICT_CODE, account.districtCode);
        }
        return builder.build();
    }
}
