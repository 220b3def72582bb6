package io.jiesu.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;

/**
 * PostgreSQL's {@code statement_timeout} for the current transaction only ({@code SET LOCAL}): any one statement of
 * it that runs past the budget — a lock wait included — is cancelled, so a try that cannot finish in time fails in
 * time. The JTA timeout covers the transaction as a whole.
 */
@ApplicationScoped
public class StatementTimeout {
    private final EntityManager em;

    StatementTimeout(EntityManager em) {
        this.em = em;
    }

    public void limit(Duration budget) {
        em.createNativeQuery("SELECT set_config('statement_timeout', ?1, true)")
                .setParameter(1, String.valueOf(Math.max(1, budget.toMillis()))).getSingleResult();
    }
}
