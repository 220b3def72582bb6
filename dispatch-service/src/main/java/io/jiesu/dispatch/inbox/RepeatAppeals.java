package io.jiesu.dispatch.inbox;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repeat appeal intake linked to an open case (重复诉求) reaches the unit holding the case as an inbox notice
 * REPEAT_APPEAL, and is counted on the order. An order without a unit (manual queue) only counts it.
 */
@ApplicationScoped
public class RepeatAppeals {
    private static final Logger LOG = Logger.getLogger(RepeatAppeals.class);

    @Inject
    Outbox outbox;
    @Inject
    History history;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onLinked(CaseLinked linked) {
        WorkOrder order = WorkOrder.findById(linked.caseId(), LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            LOG.infof("repeat appeal %s names case %s, which has no work order here", linked.appealId(),
                    linked.caseId());
            return;
        }
        Instant now = Instant.now();
        order.repeatCount++;
        order.updatedAt = now;
        history.record(order.caseId, now, "REPEAT_APPEAL", order.unitCode, "intake",
                linked.appealId() + " (" + linked.reason() + ")");
        if (order.unitCode == null) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "appealId", linked.appealId());
        put(details, "externalId", linked.externalId());
        put(details, "reason", linked.reason() == null ? null : linked.reason().name());
        put(details, "receivedAt", linked.receivedAt() == null ? null : linked.receivedAt().toString());
        put(details, "repeatCount", String.valueOf(order.repeatCount));
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, order.unitCode, order.caseId, now,
                new InboxNotice(order.caseId, order.unitCode, Enums.NoticeKind.REPEAT_APPEAL, now,
                        "重复诉求: the citizen called again about case " + order.caseId
                                + (linked.content() == null ? "" : ": " + linked.content()), details));
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
