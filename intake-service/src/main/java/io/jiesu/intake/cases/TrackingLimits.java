package io.jiesu.intake.cases;

import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tracking lookup's rate limits, kept in intake's database so that every instance counts the same misses: a
 * case number or a client with {@code maxMisses} misses inside the window is refused until the oldest of them
 * leaves it. Keys are keyed hashes ({@link TrackingKeys}), never the client's address or the number in clear.
 */
@ApplicationScoped
public class TrackingLimits {
    public enum Scope { CASE, CLIENT }

    private final EntityManager em;
    private final TrackingConfig config;

    TrackingLimits(EntityManager em, TrackingConfig config) {
        this.em = em;
        this.config = config;
    }

    /** How long the key stays refused, if it is refused now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Duration> refusedFor(Scope scope, String key, Instant now) {
        TrackingConfig.Limit limit = limit(scope);
        // the maxMisses-th newest miss inside the window: while it is there, the key is over its limit
        @SuppressWarnings("unchecked")
        List<Object> at = em.createNativeQuery("""
                SELECT at FROM tracking_miss WHERE scope = ?1 AND key = ?2 AND at > ?3
                ORDER BY at DESC OFFSET ?4 LIMIT 1""")
                .setParameter(1, scope.name()).setParameter(2, key).setParameter(3, now.minus(limit.window()))
                .setParameter(4, limit.maxMisses() - 1).getResultList();
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, Rows.instant(at.get(0)).plus(limit.window()));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void miss(Scope scope, String key, Instant now) {
        em.createNativeQuery("INSERT INTO tracking_miss (scope, key, at) VALUES (?1, ?2, ?3)")
                .setParameter(1, scope.name()).setParameter(2, key).setParameter(3, now).executeUpdate();
    }

    /** Misses older than every window count for nothing: dropped so that the table stays small. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetOld(Instant now) {
        Duration longest = config.perCase().window().compareTo(config.perClient().window()) > 0
                ? config.perCase().window() : config.perClient().window();
        em.createNativeQuery("DELETE FROM tracking_miss WHERE at < ?1")
                .setParameter(1, now.minus(longest)).executeUpdate();
    }

    private TrackingConfig.Limit limit(Scope scope) {
        return scope == Scope.CASE ? config.perCase() : config.perClient();
    }
}
