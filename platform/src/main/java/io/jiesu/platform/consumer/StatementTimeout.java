package io.jiesu.platform.consumer;

import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;

/**
 * PostgreSQL's {@code statement_timeout} for the current transaction only ({@code SET LOCAL}): any one statement of
 * it that runs past the budget — a lock wait included — is cancelled, so a try that cannot finish in time fails in
 * time. The JTA timeout covers the transaction as a whole. The kit's consumers save this extra statement: their first
 * statement, the claim of the {@code processed_event} rows, sets it in a {@code WITH budget AS MATERIALIZED (SELECT
 * set_config(…))} for every statement after it (the claim itself waits at most for a transaction that holds the same
 * event id, which has a budget of its own).
 */
@ApplicationScoped
public class StatementTimeout {
    private final EntityManager em;

    StatementTimeout(EntityManager em) {
        this.em = em;
    }

    /**
     * The claim statements' prefix that sets the budget for the transaction's later statements; {@code parameter} is
     * the placeholder of the budget's value ({@link #millis}) — {@code ?} for JDBC, {@code ?1} for a native query.
     */
    static String budgetPrefix(String parameter) {
        return "WITH budget AS MATERIALIZED (SELECT set_config('statement_timeout', " + parameter + ", true))\n";
    }

    /** The budget as {@code statement_timeout}'s value: whole milliseconds, at least 1 (0 would mean none). */
    static String millis(Duration budget) {
        return String.valueOf(Math.max(1, budget.toMillis()));
    }

    public void limit(Duration budget) {
        NativeSql.withoutTables(em, "SELECT set_config('statement_timeout', ?1, true)")
                .setParameter(1, millis(budget)).getSingleResult();
    }
}
