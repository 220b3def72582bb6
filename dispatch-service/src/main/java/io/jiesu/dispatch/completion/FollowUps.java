package io.jiesu.dispatch.completion;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.dispatch.workorder.WorkOrderStatus;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.timer.DueTimer;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 创造条件解决: an order completed as CONDITIONS_BEING_CREATED carries a plan and a follow-up date. A durable timer
 * (kit: {@link DurableTimers}, group {@value #GROUP}) written with the completion fires at {@value #HOUR}:00 Beijing
 * time on that date and sends the lead unit a REMINDER notice on its inbox (details {@code reminder=FOLLOW_UP}) —
 * once, on whichever instance claims it. A reopening cancels it; a timer of an earlier round is ignored.
 */
@ApplicationScoped
public class FollowUps implements TimerHandler {
    public static final String GROUP = "dispatch.follow-up";
    static final int HOUR = 9;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Logger LOG = Logger.getLogger(FollowUps.class);

    @Inject
    DurableTimers timers;
    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    EntityManager em;

    @Override
    public String group() {
        return GROUP;
    }

    /** When the follow-up reminder of a date goes out. */
    public static Instant remindAt(java.time.LocalDate followUpOn) {
        return followUpOn.atTime(LocalTime.of(HOUR, 0)).atZone(BEIJING).toInstant();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(WorkOrder order) {
        timers.schedule(GROUP, order.caseId, "FOLLOW_UP", remindAt(order.followUpOn), String.valueOf(order.round));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String caseId) {
        timers.cancel(GROUP, caseId, "");
    }

    /** Runs in the poller's transaction; NOWAIT as the deadline timers do (a busy order is retried shortly). */
    @Override
    public void fire(DueTimer timer) {
        WorkOrder o = em.find(WorkOrder.class, timer.subject(), LockModeType.PESSIMISTIC_WRITE,
                NO_WAIT);
        if (o == null || o.state() != WorkOrderStatus.COMPLETED || o.followUpOn == null
                || !String.valueOf(o.round).equals(timer.data())
                || !Enums.CompletionOutcome.CONDITIONS_BEING_CREATED.name().equals(o.outcome)) {
            LOG.debugf("case %s: follow-up of round %s no longer due", timer.subject(), timer.data());
            return;
        }
        Instant now = Instant.now();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reminder", "FOLLOW_UP");
        details.put("followUpOn", o.followUpOn.toString());
        details.put("plan", o.completionPlan);
        details.put("round", String.valueOf(o.round));
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, o.unitCode, o.caseId, now, new InboxNotice(o.caseId,
                o.unitCode, Enums.NoticeKind.REMINDER, now, "跟进: case " + o.caseId + " was completed as "
                + "CONDITIONS_BEING_CREATED with a follow-up on " + o.followUpOn + "; plan: " + o.completionPlan,
                details));
        history.record(o.caseId, now, "FOLLOW_UP_REMINDER", o.unitCode, "timer", o.followUpOn.toString());
    }
}
