package io.jiesu.system;

import io.jiesu.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The Authorization headers of the bad-input corpus ({@code bad-input/tokens.json}): valid tokens of a role, and
 * tokens a service must refuse — signed with another key, by another issuer, expired, not yet valid, unsigned
 * ({@code alg: none}), or with a swapped payload.
 */
final class BadInputTokens {
    private static final KeyPair OTHER_KEYS = generate();

    private BadInputTokens() {
    }

    static String valid(String role, String unitCode) {
        return TestTokens.bearer(role, unitCode);
    }

    /** The header for one {@code kind} of tokens.json; null means "no Authorization header". */
    static String of(String kind, String raw) {
        return switch (kind) {
            case "none" -> null;
            case "raw" -> raw;
            case "wrong-key" -> "Bearer " + sign(TestTokens.ISSUER, "admin", Instant.now().plusSeconds(3600), null,
                    OTHER_KEYS.getPrivate());
            case "foreign-issuer" -> "Bearer " + sign("https://evil.example/issuer", "admin",
                    Instant.now().plusSeconds(3600), null, testKey());
            case "expired" -> "Bearer " + sign(TestTokens.ISSUER, "admin", Instant.now().minusSeconds(3600), null,
                    testKey());
            case "not-yet-valid" -> "Bearer " + sign(TestTokens.ISSUER, "admin", Instant.now().plusSeconds(7200),
                    Instant.now().plusSeconds(3600), testKey());
            case "alg-none" -> "Bearer " + unsigned();
            case "tampered" -> "Bearer " + tampered();
            default -> throw new IllegalArgumentException("unknown token kind " + kind);
        };
    }

    private static String sign(String issuer, String role, Instant expires, Instant notBefore, PrivateKey key) {
        var builder = Jwt.issuer(issuer).subject("bad-input-" + role).upn("bad-input").groups(Set.of(role))
                .expiresAt(expires.getEpochSecond());
        if (notBefore != null) {
            builder.issuedAt(notBefore.getEpochSecond()).claim("nbf", notBefore.getEpochSecond());
        } else if (expires.isBefore(Instant.now())) {
            builder.issuedAt(expires.minusSeconds(3600).getEpochSecond());
        }
        return builder.sign(key);
    }

    /** {"alg":"none"}: claims an admin, carries no signature. */
    private static String unsigned() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"bad-input\",\"upn\":\"bad-input\","
                + "\"groups\":[\"admin\"],\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        return header + "." + payload + ".";
    }

    /** A real analyst token whose payload is swapped for an admin's, the analyst's signature kept. */
    private static String tampered() {
        String[] parts = TestTokens.token("analyst").split("\\.");
        String payload = b64("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"bad-input\",\"upn\":\"bad-input\","
                + "\"groups\":[\"admin\"],\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key the services trust. TestTokens keeps it private and mints only well-formed tokens; an expired or
     * foreign-issuer token must carry the right signature to test the expiry and issuer checks themselves.
     */
    private static PrivateKey testKey() {
        try {
            Field keys = TestTokens.class.getDeclaredField("KEYS");
            keys.setAccessible(true);
            return ((KeyPair) keys.get(null)).getPrivate();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TestTokens changed: no KEYS field", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
