package io.jiesu.whistle.lead;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.CaseReopened;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ReturnDecided;
import io.jiesu.platform.consumer.IdempotentBatchConsumer;
import io.jiesu.platform.consumer.IncomingEvent;
import io.jiesu.platform.persistence.NativeSql;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * Follows {@code case.dispatch} to know which unit leads each case (首接负责制): only the lead may whistle on it.
 * Kept in this service's own {@code case_lead} table.
 */
@ApplicationScoped
public class CaseLeadConsumer {
    @Inject
    IdempotentBatchConsumer consumer;
    @Inject
    EntityManager em;

    @Incoming("case-dispatch")
    @Blocking
    public void onDispatchEvent(ConsumerRecords<String, String> records) {
        consumer.consumeEach("whistle-case-lead", records, this::apply);
    }

    void apply(IncomingEvent event) {
        if (event.is(EventCatalog.CASE_DISPATCHED)) {
            CaseDispatched d = event.data(EventCatalog.CASE_DISPATCHED);
            lead(d.caseId(), d.unitCode(), event.time());
        } else if (event.is(EventCatalog.CASE_REDISPATCHED)) {
            CaseRedispatched r = event.data(EventCatalog.CASE_REDISPATCHED);
            lead(r.caseId(), r.toUnitCode(), event.time());
        } else if (event.is(EventCatalog.CASE_REOPENED)) {
            // 重办 keeps the same lead unit; confirming it keeps whistles on the reopened case with that lead
            CaseReopened r = event.data(EventCatalog.CASE_REOPENED);
            lead(r.caseId(), r.unitCode(), event.time());
        } else if (event.is(EventCatalog.CASE_RETURN_DECIDED)) {
            ReturnDecided r = event.data(EventCatalog.CASE_RETURN_DECIDED);
            if (r.decision() == Enums.Decision.APPROVED && r.newUnitCode() != null) {
                lead(r.caseId(), r.newUnitCode(), event.time());
            }
        }
    }

    private void lead(String caseId, String unitCode, Instant at) {
        if (caseId == null || unitCode == null) {
            return;
        }
        // events of one case arrive in order (keyed by case id); the time guard also keeps a replay harmless
        NativeSql.on(em, "case_lead").query("""
                INSERT INTO case_lead (case_id, unit_code, updated_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (case_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, updated_at = EXCLUDED.updated_at
                WHERE case_lead.updated_at <= EXCLUDED.updated_at""")
                .setParameter(1, caseId).setParameter(2, unitCode).setParameter(3, at).executeUpdate();
    }
}
