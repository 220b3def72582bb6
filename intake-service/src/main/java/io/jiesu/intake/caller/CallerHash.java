package io.jiesu.intake.caller;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A keyed hash (HMAC-SHA256) of a phone number: lets intake count a caller's appeals and name a flagged caller in
 * events and logs without the number in clear. Set {@code jiesu.intake.caller-hash-key} per deployment.
 */
@ApplicationScoped
public class CallerHash {
    @ConfigProperty(name = "jiesu.intake.caller-hash-key", defaultValue = "jiesu-local-caller-key")
    String key;

    public String of(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return keyed(phone.replaceAll("[^0-9]", "").replaceFirst("^86(?=1\\d{10}$)", ""));
    }

    /** The same keyed hash of any value, as it is (e.g. the tracking limits' case-number and client keys). */
    public String keyed(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of whitespace-folded content, to spot identical repeated calls. */
    public static String contentHash(String content) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(content.replaceAll("\\s+", " ").trim()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
