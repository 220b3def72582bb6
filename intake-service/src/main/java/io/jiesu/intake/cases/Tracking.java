package io.jiesu.intake.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A citizen's case tracking: a case number and the phone that made the case give the case's progress; anything else
 * is one kind of miss, whatever its reason (unknown case, wrong phone, malformed input), with the same work done —
 * one lookup of the case row, two keyed hashes, a constant-time comparison, two misses recorded. A case number or a
 * client over its miss limit ({@link TrackingLimits}) is refused before the lookup, even for the right pair.
 */
@ApplicationScoped
public class Tracking {
    public sealed interface Answer permits Found, Miss, Refused {
    }

    public record Found(CaseTracking tracking) implements Answer {
    }

    public record Miss() implements Answer {
    }

    public record Refused(Duration retryAfter) implements Answer {
    }

    private final EntityManager em;
    private final TrackingKeys keys;
    private final TrackingLimits limits;

    Tracking(EntityManager em, TrackingKeys keys, TrackingLimits limits) {
        this.em = em;
        this.keys = keys;
        this.limits = limits;
    }

    @Transactional
    public Answer track(String caseNumber, String phone, String client) {
        Instant now = Instant.now();
        String caseKey = keys.caseKey(caseNumber);
        String clientKey = keys.clientKey(client);
        Optional<Duration> refused = Stream.of(limits.refusedFor(TrackingLimits.Scope.CLIENT, clientKey, now),
                limits.refusedFor(TrackingLimits.Scope.CASE, caseKey, now)).flatMap(Optional::stream)
                .max(Duration::compareTo);
        if (refused.isPresent()) {
            return new Refused(refused.get());
        }
        String id = TrackingKeys.caseNumber(caseNumber); // "" for a malformed number: the same query, no row
        @SuppressWarnings("unchecked")
        List<String> phones = em.createNativeQuery("SELECT coalesce(citizen_phone, '') FROM intake_case "
                + "WHERE case_id = ?1").setParameter(1, id).getResultList();
        String stored = phones.isEmpty() ? null : phones.get(0);
        if (!keys.samePhone(stored, phone)) {
            limits.miss(TrackingLimits.Scope.CASE, caseKey, now);
            limits.miss(TrackingLimits.Scope.CLIENT, clientKey, now);
            limits.forgetOld(now);
            return new Miss();
        }
        CaseEntity kase = CaseEntity.findById(id);
        return new Found(CaseTracking.of(kase, CaseProgressEntity.findById(id)));
    }
}
