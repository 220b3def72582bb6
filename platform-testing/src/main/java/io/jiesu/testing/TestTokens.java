package io.jiesu.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Real signed JWTs for tests: one RSA key pair per JVM; the services under test verify with its public key
 * (written to a PEM file) exactly as they verify production tokens.
 */
public final class TestTokens {
    public static final String ISSUER = "https://jiesu.test/issuer";
    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;
    private static Path privateKeyFile;

    private TestTokens() {
    }

    /** A token with one role; {@code unitCode} only for unit users (null otherwise). */
    public static String token(String role, String unitCode) {
        var builder = Jwt.issuer(ISSUER).subject("test-" + role + (unitCode == null ? "" : "-" + unitCode))
                .upn("test-" + role).groups(Set.of(role)).expiresIn(Duration.ofHours(1));
        if (unitCode != null) {
            builder.claim("unit_code", unitCode);
        }
        return builder.sign(KEYS.getPrivate());
    }

    /** A {@code district} token for one district (各区统筹), e.g. {@code districtToken("110105")}. */
    public static String districtToken(String districtCode) {
        return Jwt.issuer(ISSUER).subject("test-district-" + districtCode).upn("test-district")
                .groups(Set.of("district")).claim("district_code", districtCode).expiresIn(Duration.ofHours(1))
                .sign(KEYS.getPrivate());
    }

    public static String districtBearer(String districtCode) {
        return "Bearer " + districtToken(districtCode);
    }

    public static String token(String role) {
        return token(role, null);
    }

    public static String bearer(String role, String unitCode) {
        return "Bearer " + token(role, unitCode);
    }

    public static String bearer(String role) {
        return bearer(role, null);
    }

    /** PEM of the public key in a file, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("jiesu-test-jwt", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /**
     * PEM (PKCS#8) of the private key in a file, for an application under test that signs tokens the services then
     * verify (the console, {@code smallrye.jwt.sign.key.location}).
     */
    public static synchronized Path privateKeyFile() {
        if (privateKeyFile == null) {
            try {
                privateKeyFile = Files.createTempFile("jiesu-test-jwt-private", ".pem");
                privateKeyFile.toFile().deleteOnExit();
                Files.writeString(privateKeyFile, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return privateKeyFile;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
