package io.jiesu.dispatch.workorder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Set-based lookups for a poll (issue 19): the work orders of all the cases a poll's events name are read with one
 * query at the start of the poll's transaction and kept in the session; the cases found without an order are
 * remembered for that transaction only, so {@link #find} answers every event of the poll without a statement. In any
 * other transaction (a record retried alone, a REST call) {@link #find} is a plain {@code findById}.
 */
@ApplicationScoped
public class PollLookups {
    private static final Object ABSENT = PollLookups.class.getName() + ".absent";

    @Inject
    TransactionSynchronizationRegistry transaction;

    /** Loads the orders of {@code caseIds} into the session with one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void preload(Collection<String> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        Set<String> absent = new HashSet<>(caseIds);
        List<WorkOrder> found = WorkOrder.list("caseId in ?1", List.copyOf(absent));
        found.forEach(o -> absent.remove(o.caseId));
        transaction.putResource(ABSENT, absent);
    }

    /** The order of {@code caseId}: from the session, or known absent, or else read. */
    @Transactional(Transactional.TxType.MANDATORY)
    public WorkOrder find(String caseId) {
        Set<String> absent = absent();
        if (absent != null && absent.contains(caseId)) {
            return null;
        }
        return WorkOrder.findById(caseId);
    }

    /** {@code caseId} has an order now (persisted in this transaction): {@link #find} must read it again. */
    public void created(String caseId) {
        Set<String> absent = absent();
        if (absent != null) {
            absent.remove(caseId);
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> absent() {
        return (Set<String>) transaction.getResource(ABSENT);
    }
}
