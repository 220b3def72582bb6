package io.jiesu.intake.repeat;

import io.jiesu.contract.event.Enums;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Repeat appeals: an appeal in the same category as a case still open, from the same caller or about the same
 * place (same street/town and address), within {@code jiesu.intake.repeat-window}, belongs to that case.
 */
@ApplicationScoped
public class RepeatDetector {
    /** The open case an appeal repeats, and why. */
    public record Repeat(String caseId, Enums.LinkReason reason) {
    }

    /** Statuses of a case that still needs handling. */
    static final List<String> OPEN = List.of("RECEIVED", "DISPATCHED", "SIGNED_FOR", "CONTACTED");

    @Inject
    EntityManager em;
    @ConfigProperty(name = "jiesu.intake.repeat-window", defaultValue = "P7D")
    Duration window;

    @SuppressWarnings("unchecked")
    public Optional<Repeat> openCaseRepeatedBy(String categoryCode, String callerHash, String streetCode,
            String address, Instant now) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT case_id, caller_hash FROM intake_case
                WHERE category_code = ?1 AND status IN (?2) AND linked_case_id IS NULL AND received_at >= ?3
                  AND ((CAST(?4 AS varchar) IS NOT NULL AND caller_hash = ?4)
                       OR (CAST(?6 AS varchar) IS NOT NULL AND street_code = ?5 AND address = ?6))
                ORDER BY received_at LIMIT 1""")
                .setParameter(1, categoryCode).setParameter(2, OPEN).setParameter(3, now.minus(window))
                .setParameter(4, callerHash).setParameter(5, streetCode).setParameter(6, address)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Repeat((String) r[0],
                callerHash != null && callerHash.equals(r[1]) ? Enums.LinkReason.SAME_CALLER
                        : Enums.LinkReason.SAME_PLACE));
    }
}
