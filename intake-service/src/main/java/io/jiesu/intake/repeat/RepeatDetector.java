package io.jiesu.intake.repeat;

import io.jiesu.contract.event.Enums;
import io.jiesu.platform.persistence.NativeSql;
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

    /** Statuses of a case that still needs handling (the partial indexes of V5 name the same ones). */
    static final List<String> OPEN = List.of("RECEIVED", "DISPATCHED", "SIGNED_FOR", "CONTACTED");
    /** {@link #OPEN} as SQL constants: a partial index is used only when the query repeats its predicate. */
    private static final String CANDIDATE = "linked_case_id IS NULL AND status IN ("
            + String.join(", ", OPEN.stream().map(s -> "'" + s + "'").toList()) + ")";
    /**
     * The earliest candidate by caller and the earliest by place, each one index probe with LIMIT 1 on its partial
     * index ({@code intake_case_open_by_caller}, {@code intake_case_open_by_place}), then the earlier of the two —
     * the same case the former single query with OR found, at a cost that does not grow with the appeals a surge
     * linked to it.
     */
    private static final String QUERY = """
            SELECT case_id, caller_hash FROM (
              (SELECT case_id, caller_hash, received_at FROM intake_case
               WHERE CAST(?3 AS varchar) IS NOT NULL AND caller_hash = ?3 AND category_code = ?1
                 AND received_at >= ?2 AND %1$s
               ORDER BY received_at LIMIT 1)
              UNION ALL
              (SELECT case_id, caller_hash, received_at FROM intake_case
               WHERE CAST(?5 AS varchar) IS NOT NULL AND street_code = ?4 AND category_code = ?1 AND address = ?5
                 AND received_at >= ?2 AND %1$s
               ORDER BY received_at LIMIT 1)) candidates
            ORDER BY received_at LIMIT 1""".formatted(CANDIDATE);

    @Inject
    EntityManager em;
    @ConfigProperty(name = "jiesu.intake.repeat-window", defaultValue = "P7D")
    Duration window;

    @SuppressWarnings("unchecked")
    public Optional<Repeat> openCaseRepeatedBy(String categoryCode, String callerHash, String streetCode,
            String address, Instant now) {
        List<Object[]> rows = NativeSql.on(em, "intake_case").query(QUERY)
                .setParameter(1, categoryCode).setParameter(2, now.minus(window))
                .setParameter(3, callerHash).setParameter(4, streetCode).setParameter(5, address)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Repeat((String) r[0],
                callerHash != null && callerHash.equals(r[1]) ? Enums.LinkReason.SAME_CALLER
                        : Enums.LinkReason.SAME_PLACE));
    }
}
