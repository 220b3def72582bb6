package io.jiesu.dispatch.reopen;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseReopenRequested;
import io.jiesu.platform.consumer.IdempotentConsumer;
import io.jiesu.platform.consumer.PoisonMessageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code case.evaluation} for {@code jiesu.evaluation.reopen-requested.v1} (重办); other evaluation events are
 * not dispatch's business. Once per {@code ce_id} (kit); a repeated request for the same round finds the order no
 * longer COMPLETED in that round and changes nothing. Unreadable records go to {@code case.evaluation.dlq}.
 */
@ApplicationScoped
public class ReopenRequestConsumer {
    private final IdempotentConsumer consumer;
    private final Reopening reopening;

    @Inject
    public ReopenRequestConsumer(IdempotentConsumer consumer, Reopening reopening) {
        this.consumer = consumer;
        this.reopening = reopening;
    }

    @Incoming("case-evaluation")
    @Blocking
    public void onEvaluationEvent(ConsumerRecord<String, String> record) {
        consumer.consume("dispatch-reopen-requests", record, event -> {
            if (event.is(EventCatalog.REOPEN_REQUESTED)) {
                CaseReopenRequested r = event.data(EventCatalog.REOPEN_REQUESTED);
                if (r == null || r.caseId() == null || r.caseId().isBlank() || r.round() < 1) {
                    throw new PoisonMessageException("reopen request without caseId or with round < 1");
                }
                reopening.reopen(r);
            }
        });
    }
}
