package io.jiesu.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer-token check of every {@code /api} request, remembering tokens it has already verified: a caller such as
 * the 12345 telephony system sends the same token for its whole lifetime, and an RS256 signature check per request
 * was about a tenth of intake's CPU at a peak. Only tokens the real parser accepted are kept, under a SHA-256 digest
 * (never the token itself), each until the earlier of its {@code exp} and {@code jiesu.security.token-cache.max-age};
 * a token that fails is checked again every time. With {@code jiesu.security.token-cache.size=0} nothing is kept.
 *
 * <p>What this gives up: a token stays accepted until its entry expires, even if its key was taken out of the JWKS or
 * the provider revoked it meanwhile — for at most the max-age (docs/security.md).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final JWTParser delegate;
    private final int size;
    private final Duration maxAge;
    private final Clock clock;

    private record Entry(JsonWebToken token, long keepUntilMillis) {
    }

    @Inject
    public VerifiedTokenCache(DefaultJWTParser delegate,
            @ConfigProperty(name = "jiesu.security.token-cache.size", defaultValue = "1000") int size,
            @ConfigProperty(name = "jiesu.security.token-cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        this(delegate, size, maxAge, Clock.systemUTC());
    }

    VerifiedTokenCache(JWTParser delegate, int size, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.size = size;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** What the request filter calls: the configured issuer and key, and now also the cache. */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (size <= 0 || token == null) {
            return delegate.parse(token);
        }
        long now = clock.millis();
        String key = digest(token);
        Entry entry = verified.get(key);
        if (entry != null) {
            if (now < entry.keepUntilMillis()) {
                return entry.token();
            }
            verified.remove(key, entry);
        }
        JsonWebToken parsed = delegate.parse(token); // throws for a bad signature, issuer, expiry…: nothing kept
        long expiresMillis = parsed.getExpirationTime() * 1000L;
        long keepUntil = Math.min(expiresMillis, now + maxAge.toMillis());
        if (keepUntil > now) {
            if (verified.size() >= size) {
                evict(now);
            }
            verified.put(key, new Entry(parsed, keepUntil));
        }
        return parsed;
    }

    /** Drops expired entries; when all are still valid (many distinct tokens), starts over rather than grow. */
    private void evict(long now) {
        verified.values().removeIf(e -> e.keepUntilMillis() <= now);
        if (verified.size() >= size) {
            verified.clear();
        }
    }

    int cached() {
        return verified.size();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // Every other form names its own key or context: passed through, never cached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
