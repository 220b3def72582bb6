package io.jiesu.dispatch.timelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jiesu.contract.Json;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The audit trail of the time-limit policy: one row per change, with who made it and the policy as it became. */
@ApplicationScoped
public class TimeLimitAudit {
    public record Entry(int version, String action, String actor, Instant at, TimeLimitPolicyResource.Policy policy) {
    }

    private final EntityManager em;

    TimeLimitAudit(EntityManager em) {
        this.em = em;
    }

    void record(TimeLimitPolicyResource.Policy policy, String action, String actor) {
        try {
            NativeSql.on(em, "time_limit_audit").query("""
                    INSERT INTO time_limit_audit (policy_id, version, action, actor, at, policy)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, policy.id()).setParameter(2, policy.version()).setParameter(3, action)
                    .setParameter(4, actor == null ? "unknown" : actor).setParameter(5, Timestamp.from(Instant.now()))
                    .setParameter(6, Json.mapper().writeValueAsString(policy)).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    List<Entry> of(String policyId) {
        List<Object[]> rows = NativeSql.on(em, "time_limit_audit").query("""
                SELECT version, action, actor, at, policy FROM time_limit_audit WHERE policy_id = ?1
                ORDER BY version DESC LIMIT 100""").setParameter(1, policyId).getResultList();
        return rows.stream().map(r -> {
            try {
                return new Entry(((Number) r[0]).intValue(), (String) r[1], (String) r[2], Rows.instant(r[3]),
                        Json.mapper().readValue((String) r[4], TimeLimitPolicyResource.Policy.class));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
