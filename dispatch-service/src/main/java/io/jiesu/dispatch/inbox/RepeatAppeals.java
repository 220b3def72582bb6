package io.jiesu.dispatch.inbox;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.dispatch.workorder.DispatchSettings;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import io.jiesu.platform.timer.DueTimer;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repeat appeal intake linked to an open case (重复诉求) reaches the unit holding the case, and is counted on the
 * order ({@code repeat_count}). Constant cost per repeat however many link to one case (issue 18): rule
 * {@link RepeatWindow} with the interval {@code repeat_summary_interval_seconds} (dispatch setting, 600 s). The first
 * repeat of an interval is an inbox notice REPEAT_APPEAL and a history row, as before; the later ones of the interval
 * only add 1 to the order's {@code repeat_notice_window} row; when the interval ends a durable timer (group
 * {@value #GROUP}) sends one notice REPEAT_APPEAL_SUMMARY with the count and records one history row. An order
 * without a unit (manual queue) gets the history rows only. Every step runs in the event's transaction, with the order
 * locked, so a redelivery (de-duplicated by the consumer) or two instances never count a repeat twice.
 */
@ApplicationScoped
public class RepeatAppeals implements TimerHandler {
    public static final String GROUP = "dispatch.repeat-summary";
    private static final String TIMER = "SUMMARY";
    private static final Logger LOG = Logger.getLogger(RepeatAppeals.class);

    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    DurableTimers timers;
    @Inject
    DispatchSettings settings;
    @Inject
    EntityManager em;

    @Override
    public String group() {
        return GROUP;
    }

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
        RepeatWindow window = window(order.caseId);
        if (window.onRepeat(now) == RepeatWindow.Decision.COUNT) {
            RepeatWindow counted = count(order.caseId, linked);
            if (counted.firstCounted()) {
                timers.schedule(GROUP, order.caseId, TIMER, counted.windowEnd(), null);
            }
            return;
        }
        if (window.summaryDue(now)) {
            summarize(order, window, now);
        }
        open(order.caseId, RepeatWindow.open(now, settings.repeatSummaryInterval()));
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

    /**
     * The interval's end: its counted repeats in one summary (nothing when a later repeat sent it already); the order
     * is locked {@link TimerHandler#NO_WAIT}.
     */
    @Override
    public void fire(DueTimer timer) {
        WorkOrder order = em.find(WorkOrder.class, timer.subject(), LockModeType.PESSIMISTIC_WRITE,
                NO_WAIT);
        if (order == null) {
            return;
        }
        Instant now = Instant.now();
        RepeatWindow window = window(order.caseId);
        if (window.summaryDue(now)) {
            summarize(order, window, now);
        }
    }

    private void summarize(WorkOrder order, RepeatWindow window, Instant now) {
        List<?> last = NativeSql.on(em, "repeat_notice_window").query(
                "UPDATE repeat_notice_window SET pending = 0 WHERE case_id = ?1 RETURNING last_appeal_id")
                .setParameter(1, order.caseId).getResultList();
        String lastAppealId = last.isEmpty() ? null : (String) last.get(0);
        history.record(order.caseId, now, "REPEAT_APPEAL_SUMMARY", order.unitCode, "intake",
                window.pending() + " more repeat appeal(s) from " + window.windowStart() + " to " + window.windowEnd()
                        + (lastAppealId == null ? "" : ", the last " + lastAppealId));
        if (order.unitCode == null) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("count", String.valueOf(window.pending()));
        details.put("from", window.windowStart().toString());
        details.put("to", window.windowEnd().toString());
        put(details, "lastAppealId", lastAppealId);
        details.put("repeatCount", String.valueOf(order.repeatCount));
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, order.unitCode, order.caseId, now,
                new InboxNotice(order.caseId, order.unitCode, Enums.NoticeKind.REPEAT_APPEAL_SUMMARY, now,
                        "重复诉求汇总: " + window.pending() + " more repeat appeals about case " + order.caseId
                                + " between " + window.windowStart() + " and " + window.windowEnd(), details));
    }

    @SuppressWarnings("unchecked")
    private RepeatWindow window(String caseId) {
        List<Object[]> rows = NativeSql.on(em, "repeat_notice_window").query("""
                SELECT window_start, window_end, pending FROM repeat_notice_window WHERE case_id = ?1 FOR UPDATE""")
                .setParameter(1, caseId).getResultList();
        if (rows.isEmpty()) {
            return RepeatWindow.NONE;
        }
        Object[] r = rows.get(0);
        return new RepeatWindow(Rows.instant(r[0]), Rows.instant(r[1]), ((Number) r[2]).intValue());
    }

    private void open(String caseId, RepeatWindow w) {
        NativeSql.on(em, "repeat_notice_window", "work_order").query("""
                INSERT INTO repeat_notice_window (case_id, window_start, window_end, pending) VALUES (?1, ?2, ?3, 0)
                ON CONFLICT (case_id) DO UPDATE SET window_start = EXCLUDED.window_start,
                    window_end = EXCLUDED.window_end, pending = 0, last_appeal_id = NULL""")
                .setParameter(1, caseId).setParameter(2, Timestamp.from(w.windowStart()))
                .setParameter(3, Timestamp.from(w.windowEnd())).executeUpdate();
    }

    private RepeatWindow count(String caseId, CaseLinked linked) {
        Object[] r = (Object[]) NativeSql.on(em, "repeat_notice_window").query("""
                UPDATE repeat_notice_window SET pending = pending + 1, last_appeal_id = ?2
                WHERE case_id = ?1 RETURNING window_start, window_end, pending""")
                .setParameter(1, caseId).setParameter(2, linked.appealId()).getSingleResult();
        return new RepeatWindow(Rows.instant(r[0]), Rows.instant(r[1]), ((Number) r[2]).intValue());
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
