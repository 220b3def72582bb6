package io.jiesu.dispatch.workorder;

import io.jiesu.contract.EventCatalog;
import io.jiesu.platform.consumer.IdempotentBatchConsumer;
import io.jiesu.platform.consumer.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows {@code case.intake}: every received case is dispatched once, however often the event is delivered; a
 * repeat appeal linked to a case reaches the holding unit; risk words reach the supervisors (风险预警). One poll is one transaction (batch mode): at a peak the
 * commit per record, not the routing, was most of the cost.
 */
@ApplicationScoped
public class CaseIntakeConsumer {
    private static final Logger LOG = Logger.getLogger(CaseIntakeConsumer.class);

    @Inject
    IdempotentBatchConsumer consumer;
    @Inject
    Dispatcher dispatcher;
    @Inject
    PollLookups lookups;
    @Inject
    io.jiesu.dispatch.inbox.RepeatAppeals repeatAppeals;
    @Inject
    io.jiesu.dispatch.risk.RiskNotices riskNotices;

    @Incoming("case-intake")
    @Blocking
    public void onCaseIntake(ConsumerRecords<String, String> records) {
        consumer.consumeEach("dispatch-case-intake", records, this::preload, this::apply);
    }

    /**
     * One query for the work orders of all the cases the poll receives or flags, instead of one per event. The record
     * key is the case id (no decoding twice); a key that were not would only cost its event a lookup of its own.
     */
    void preload(List<IncomingEvent> events) {
        Set<String> caseIds = new HashSet<>();
        for (IncomingEvent event : events) {
            if (event.key() != null && (event.is(EventCatalog.CASE_RECEIVED) || event.is(EventCatalog.RISK_FLAGGED))) {
                caseIds.add(event.key());
            }
        }
        lookups.preload(caseIds);
    }

    void apply(IncomingEvent event) {
        if (event.is(EventCatalog.CASE_RECEIVED)) {
            dispatcher.dispatch(event.data(EventCatalog.CASE_RECEIVED));
        } else if (event.is(EventCatalog.CASE_LINKED)) {
            repeatAppeals.onLinked(event.data(EventCatalog.CASE_LINKED));
        } else if (event.is(EventCatalog.RISK_FLAGGED)) {
            riskNotices.onRiskFlagged(event.data(EventCatalog.RISK_FLAGGED));
        } else {
            LOG.debugf("%s %s: nothing for dispatch to do", event.type(), event.id());
        }
    }
}
