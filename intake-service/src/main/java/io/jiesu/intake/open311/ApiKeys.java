package io.jiesu.intake.open311;

import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Open311 partners' api keys ({@code open311_api_key}, V9): issued by an admin, shown once, kept only as a SHA-256
 * hash, revocable. SHA-256 and not intake's keyed {@code CallerHash}: a key is 256 random bits, so its hash cannot be
 * guessed back (phone numbers can, hence their HMAC), and rotating the caller-hash key must not void every partner.
 */
@ApplicationScoped
public class ApiKeys {
    /** A partner app's key as the admin API shows it (never the key itself, except once when issued). */
    public record Key(long id, String partner, Instant createdAt, String createdBy, Instant revokedAt,
            String revokedBy) {
    }

    public record Issued(long id, String partner, String apiKey, Instant createdAt) {
    }

    /** The partner behind a valid (unrevoked) key. */
    public record Partner(long keyId, String name) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, partner, created_at, created_by, revoked_at, revoked_by";

    private final EntityManager em;

    ApiKeys(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Issued issue(String partner, String by) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String apiKey = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Object[] row = (Object[]) em.createNativeQuery("INSERT INTO open311_api_key (partner, key_hash, created_by) "
                        + "VALUES (?1, ?2, ?3) RETURNING id, created_at")
                .setParameter(1, partner).setParameter(2, hash(apiKey)).setParameter(3, by).getSingleResult();
        return new Issued(((Number) row[0]).longValue(), partner, apiKey, Rows.instant(row[1]));
    }

    @Transactional
    public List<Key> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM open311_api_key ORDER BY id")
                .getResultList();
        return rows.stream().map(ApiKeys::key).toList();
    }

    @Transactional
    public Optional<Key> byId(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM open311_api_key WHERE id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(ApiKeys::key);
    }

    /** Revokes the key; false when it was already revoked. */
    @Transactional
    public boolean revoke(long id, String by) {
        return em.createNativeQuery("UPDATE open311_api_key SET revoked_at = now(), revoked_by = ?2 "
                        + "WHERE id = ?1 AND revoked_at IS NULL")
                .setParameter(1, id).setParameter(2, by).executeUpdate() == 1;
    }

    /** The partner of a valid key; empty for an unknown or revoked one. */
    @Transactional
    public Optional<Partner> verify(String apiKey) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, partner FROM open311_api_key "
                        + "WHERE key_hash = ?1 AND revoked_at IS NULL")
                .setParameter(1, hash(apiKey)).getResultList();
        return rows.stream().findFirst().map(r -> new Partner(((Number) r[0]).longValue(), (String) r[1]));
    }

    static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Key key(Object[] r) {
        return new Key(((Number) r[0]).longValue(), (String) r[1], Rows.instant(r[2]), (String) r[3],
                Rows.instant(r[4]), (String) r[5]);
    }
}
