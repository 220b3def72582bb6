package io.jiesu.console.security;

import io.jiesu.console.ConsoleConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer token the console presents to a service for the signed-in person. With OIDC it is the person's own
 * access token; with a local account the console signs a short-lived token (RS256, the platform's key) carrying the
 * same claims an OIDC token would: subject, role in {@code groups}, {@code unit_code} or
 * {@code district_code}. Either way the services make
 * every decision about what the person may see and do.
 */
@ApplicationScoped
public class ServiceTokens {
    /** A minted token is reused until this close to its expiry (a page makes several calls). */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private record Minted(String token, Instant expiresAt) {
    }

    private final ConsoleConfig config;
    private final ConcurrentHashMap<SignedInPerson, Minted> minted = new ConcurrentHashMap<>();

    ServiceTokens(ConsoleConfig config) {
        this.config = config;
    }

    public String bearerFor(SecurityIdentity identity) {
        AccessTokenCredential oidc = identity.getCredential(AccessTokenCredential.class);
        if (oidc != null) {
            return oidc.getToken();
        }
        SignedInPerson person = SignedInPerson.of(identity)
                .orElseThrow(() -> new IllegalStateException("no signed-in person to call a service for"));
        Instant now = Instant.now();
        Minted current = minted.get(person);
        if (current == null || now.plus(RENEW_BEFORE).isAfter(current.expiresAt())) {
            current = mint(person, now);
            if (minted.size() > 10_000) {
                minted.clear(); // bounded: at worst every person's next call signs again
            }
            minted.put(person, current);
        }
        return current.token();
    }

    private Minted mint(SignedInPerson person, Instant now) {
        Instant expires = now.plus(config.token().lifetime());
        var builder = Jwt.issuer(config.token().issuer()).subject(person.username()).upn(person.username())
                .groups(Set.of(person.role().claim())).issuedAt(now).expiresAt(expires)
                .claim("name", person.displayName());
        if (person.unitCode() != null) {
            builder.claim(SignedInPerson.UNIT_CODE_CLAIM, person.unitCode());
        }
        if (person.districtCode() != null) {
            builder.claim(SignedInPerson.DISTRICT_CODE_CLAIM, person.districtCode());
        }
        return new Minted(builder.sign(), expires);
    }
}
