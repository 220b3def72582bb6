package io.jiesu.intake.cases;

import io.jiesu.intake.caller.CallerHash;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    TrackingKeys(CallerHash callerHash) {
        this.callerHash = callerHash;
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
        return callerHash.keyed("case:" + (s.length() > 200 ? s.substring(0, 200) : s));
    }

    public String clientKey(String client) {
        String s = client == null || client.isBlank() ? "-" : client.strip();
        return callerHash.keyed("client:" + (s.length() > 200 ? s.substring(0, 200) : s));
    }

    private static byte[] bytes(String hex) {
        return hex.getBytes(StandardCharsets.US_ASCII);
    }
}
