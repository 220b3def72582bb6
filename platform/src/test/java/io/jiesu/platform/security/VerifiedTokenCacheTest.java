package io.jiesu.platform.security;

import io.jiesu.testing.ManualClock;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.jiesu.testing.TestTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache in front of smallrye-jwt's real parser, with real RS256 tokens (valid for an hour). */
class VerifiedTokenCacheTest {

    /** The real parser, counting how often it really verified. */
    static class CountingParser extends DefaultJWTParser {
        final AtomicInteger verifications = new AtomicInteger();

        CountingParser() {
            super(new JWTAuthContextInfo("file:" + TestTokens.publicKeyFile(), TestTokens.ISSUER));
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications.incrementAndGet();
            return super.parse(token);
        }
    }

    final CountingParser parser = new CountingParser();
    final ManualClock clock = new ManualClock();

    @Test
    void aVerifiedTokenIsVerifiedOnceAndGivesTheSameIdentity() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser, 100, Duration.ofMinutes(5), clock);
        String token = TestTokens.token("telephony");

        JsonWebToken first = cache.parse(token);
        JsonWebToken second = cache.parse(token);

        assertSame(first, second);
        assertEquals(Set.of("telephony"), second.getGroups());
        assertEquals(1, parser.verifications.get());
    }

    @Test
    void aForgedTokenIsRefusedEveryTimeAndNeverKept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser, 100, Duration.ofMinutes(5), clock);
        String[] parts = TestTokens.token("telephony").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("telephony", "admin"); // a telephony token promoted to admin: the signature no longer fits
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThrows(ParseException.class, () -> cache.parse(forged));
        assertThrows(ParseException.class, () -> cache.parse(forged));

        assertEquals(2, parser.verifications.get());
        assertEquals(0, cache.cached());
    }

    @Test
    void aTokenIsVerifiedAgainAfterMaxAge() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser, 100, Duration.ofMinutes(5), clock);
        String token = TestTokens.token("operator");
        cache.parse(token);

        clock.advance(Duration.ofMinutes(4));
        cache.parse(token);
        assertEquals(1, parser.verifications.get());

        clock.advance(Duration.ofMinutes(2));
        cache.parse(token);
        assertEquals(2, parser.verifications.get());
    }

    @Test
    void aCachedTokenIsNotServedAfterItsExpiry() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser, 100, Duration.ofHours(2), clock);
        String token = TestTokens.token("unit", "110101001");
        cache.parse(token);

        clock.advance(Duration.ofMinutes(61)); // past exp, within max-age: the entry must not answer
        cache.parse(token); // the real parser (real time) accepts it again; what counts is that it was asked
        assertEquals(2, parser.verifications.get());
    }

    @Test
    void theCacheStaysWithinItsSize() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser, 2, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 5; i++) {
            cache.parse(TestTokens.token("unit", "11010100" + i));
            assertTrue(cache.cached() <= 2, "entries: " + cache.cached());
        }
    }

    @Test
    void sizeZeroTurnsTheCacheOff() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser, 0, Duration.ofMinutes(5), clock);
        String token = TestTokens.token("telephony");
        cache.parse(token);
        cache.parse(token);
        assertEquals(2, parser.verifications.get());
        assertEquals(0, cache.cached());
    }
}
