package io.jiesu.console.track;

import io.jiesu.console.ConsoleConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The console's own service identity for the citizen page: nobody is signed in there, so it asks intake as itself —
 * subject {@value #SUBJECT}, the one role {@value #ROLE} (intake's case tracking and nothing else), signed like the
 * people's tokens (RS256, the platform's key), reused until a minute before it expires.
 */
@ApplicationScoped
public class TrackingToken {
    static final String SUBJECT = "console-track";
    static final String ROLE = "tracking";
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private record Minted(String token, Instant expiresAt) {
    }

    private final ConsoleConfig config;
    private volatile Minted current;

    TrackingToken(ConsoleConfig config) {
        this.config = config;
    }

    public String bearer() {
        Instant now = Instant.now();
        Minted m = current;
        if (m == null || now.plus(RENEW_BEFORE).isAfter(m.expiresAt())) {
            Instant expires = now.plus(config.token().lifetime());
            m = new Minted(Jwt.issuer(config.token().issuer()).subject(SUBJECT).upn(SUBJECT).groups(Set.of(ROLE))
                    .issuedAt(now).expiresAt(expires).sign(), expires);
            current = m;
        }
        return "Bearer " + m.token();
    }
}
