package io.jiesu.intake.cases;

import io.jiesu.intake.caller.CallerHash;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tracking lookup's comparisons and keys: phones are compared as keyed hashes ({@link CallerHash}, same
 * normalisation as the caller's hash) in constant time; the case number and the client's address become keyed hashes
 * for the rate limits, so neither is stored in clear. A malformed case number or phone costs the same hashing as a
 * well-formed one.
 */
@ApplicationScoped
public class TrackingKeys {
    private static final Pattern CASE_NUMBER = Pattern.compile("[A-Z0-9-]{1,40}");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ()]{3,40}");
    /** Hashed in place of a missing or malformed phone: the same work, never a match. */
    private static final String DECOY = "00000000000";

    private final CallerHash callerHash;
    private final String key;

    TrackingKeys(CallerHash callerHash,
            @ConfigProperty(name = "jiesu.intake.caller-hash-key", defaultValue = "jiesu-local-caller-key") String key) {
        this.callerHash = callerHash;
        this.key = key;
    }

    /** The case number as intake stores it ({@code C2026…}), or empty when it cannot be one. */
    public static String caseNumber(String given) {
        String s = given == null ? "" : given.strip().toUpperCase(Locale.ROOT);
        return CASE_NUMBER.matcher(s).matches() ? s : "";
    }

    /** Whether the phone given matches the stored one; always two keyed hashes and one constant-time comparison. */
    public boolean samePhone(String stored, String given) {
        boolean usable = stored != null && !stored.isBlank() && given != null && PHONE.matcher(given).matches();
        byte[] expected = bytes(callerHash.of(stored != null && !stored.isBlank() ? stored : DECOY));
        byte[] actual = bytes(callerHash.of(given != null && PHONE.matcher(given).matches() ? given : DECOY));
        return MessageDigest.isEqual(expected, actual) & usable;
    }

    public String caseKey(String given) {
        String s = given == null ? "" : given.strip().toUpperCase(Locale.ROOT);
        return hmac("case:" + (s.length() > 200 ? s.substring(0, 200) : s));
    }

    public String clientKey(String client) {
        String s = client == null || client.isBlank() ? "-" : client.strip();
        return hmac("client:" + (s.length() > 200 ? s.substring(0, 200) : s));
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String hex) {
        return hex.getBytes(StandardCharsets.US_ASCII);
    }
}
