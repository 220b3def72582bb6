package io.jiesu.dispatch.deadline;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.DeadlineReminder;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.WorkOrderOverdue;
import io.jiesu.dispatch.timelimit.TimeLimitPolicy;
import io.jiesu.dispatch.timelimit.TimeLimits;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sign-for, contact and completion deadlines of work orders as durable timers (kit: {@link DurableTimers}): a
 * reminder (催办) some time before each deadline and an overdue mark (超期) when it passes, each fired exactly once
 * by the {@code TimerPoller} of whichever instance claims it. An order has <em>one</em> timer row (name
 * {@value #TIMER}, issue 19: was six), due at its first pending step, whose data lists every pending step
 * ({@link DeadlineSteps}); firing it sends what is due and moves the row to the next step. The row is written in the
 * transaction that sets a deadline; meeting a deadline drops its steps; a moved deadline (extension, re-dispatch)
 * moves them.
 */
@ApplicationScoped
public class Deadlines implements TimerHandler {
    public static final String GROUP = "dispatch.deadline";
    /** The name of an order's one deadline timer. */
    public static final String TIMER = "NEXT";
    private static final Logger LOG = Logger.getLogger(Deadlines.class);

    @Inject
    DurableTimers timers;
    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    EntityManager em;
    @Inject
    TimeLimits timeLimits;

    @Override
    public String group() {
        return GROUP;
    }

    /** Schedules the steps of all three deadlines of an order (replacing earlier ones): one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduleAll(WorkOrder order) {
        TimeLimitPolicy policy = policy(order);
        Instant now = Instant.now();
        List<DeadlineSteps.Step> steps = new ArrayList<>(6);
        for (Enums.DeadlineKind kind : List.of(Enums.DeadlineKind.SIGN_FOR, Enums.DeadlineKind.CONTACT,
                Enums.DeadlineKind.COMPLETION)) {
            steps.addAll(steps(kind, deadline(order, kind), policy, now));
        }
        write(order.caseId, new DeadlineSteps(steps));
    }

    /** Schedules (or moves) the reminder and the overdue mark of one deadline; the other deadlines' steps stay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(WorkOrder order, Enums.DeadlineKind kind, Instant deadline) {
        write(order.caseId, pending(order.caseId).with(kind, steps(kind, deadline, policy(order), Instant.now())));
    }

    /** A deadline was met: its steps will not fire. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String caseId, Enums.DeadlineKind kind) {
        DeadlineSteps pending = pending(caseId);
        if (pending.steps().stream().anyMatch(s -> s.kind() == kind)) {
            write(caseId, pending.without(kind));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(String caseId) {
        timers.cancel(GROUP, caseId, "");
    }

    /** The order's pending steps (none when its timer fired its last step or was cancelled), its row locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DeadlineSteps pending(String caseId) {
        return DeadlineSteps.parse(timers.pendingData(GROUP, caseId, TIMER));
    }

    private void write(String caseId, DeadlineSteps steps) {
        if (steps.isEmpty()) {
            timers.cancel(GROUP, caseId, "");
        } else {
            timers.schedule(GROUP, caseId, TIMER, steps.first().dueAt(), steps.format());
        }
    }

    private TimeLimitPolicy policy(WorkOrder order) {
        return timeLimits.applicable(Enums.Urgency.valueOf(order.urgency), Enums.AppealType.valueOf(order.appealType));
    }

    private static List<DeadlineSteps.Step> steps(Enums.DeadlineKind kind, Instant deadline, TimeLimitPolicy policy,
            Instant now) {
        return DeadlineSteps.of(kind, deadline.truncatedTo(ChronoUnit.MILLIS), policy.remindBefore(kind), now);
    }

    /**
     * Runs in the poller's transaction: sends the first step (the row was due) and every later one due by now, in
     * order, then moves the row to the next step — or leaves it to be marked FIRED after the last. The order is
     * locked without waiting (NOWAIT): when a unit action holds it, this throws, the poller rolls back and retries
     * shortly — no deadlock between timer and order locks.
     */
    @Override
    public void fire(DueTimer timer) {
        WorkOrder order = em.find(WorkOrder.class, timer.subject(), LockModeType.PESSIMISTIC_WRITE,
                NO_WAIT);
        if (order == null || order.unitCode == null) {
            return;
        }
        DeadlineSteps steps = DeadlineSteps.parse(timer.data());
        Instant now = Instant.now();
        boolean first = true;
        while (!steps.isEmpty() && (first || !steps.first().dueAt().isAfter(now))) {
            fire(order, steps.first(), now);
            steps = steps.rest();
            first = false;
        }
        if (!steps.isEmpty()) {
            timers.schedule(GROUP, order.caseId, TIMER, steps.first().dueAt(), steps.format());
        }
    }

    /**
     * The order's timer failed its last attempt on its first step (e.g. the order stayed locked through every try):
     * that step is dropped — the poller logged it and counted it in {@code jiesu_timer_failed_total{final="true"}} —
     * and the later ones go back on the clock. One step that cannot fire must not take the order's other deadlines
     * with it.
     */
    @Override
    public void gaveUp(DueTimer timer) {
        DeadlineSteps steps = DeadlineSteps.parse(timer.data());
        if (steps.isEmpty() || steps.rest().isEmpty()) {
            return;
        }
        DeadlineSteps later = steps.rest();
        write(timer.subject(), later);
        LOG.warnf("case %s: deadline step %s dropped after its last attempt; its later steps %s stay scheduled",
                timer.subject(), steps.first().name(), later.names());
    }

    /** One step, exactly as when each step had a row of its own: ignored when its deadline is no longer due. */
    private void fire(WorkOrder order, DeadlineSteps.Step step, Instant now) {
        Enums.DeadlineKind kind = step.kind();
        Instant deadline = step.deadline();
        Instant current = deadline(order, kind);
        // The database keeps microseconds: compare at millisecond precision (the timer stores milliseconds).
        if (current == null || deadline.toEpochMilli() != current.truncatedTo(ChronoUnit.MILLIS).toEpochMilli()
                || !stillDue(order.state(), kind)) {
            LOG.debugf("case %s: %s no longer due, step %s ignored", order.caseId, kind, step.name());
            return;
        }
        if (step.phase() == DeadlineSteps.Phase.REMINDER) {
            outbox.publish(EventCatalog.CASE_REMINDER, order.caseId, now,
                    new DeadlineReminder(order.caseId, order.unitCode, kind, deadline, now));
            outbox.publishToUnit(EventCatalog.INBOX_NOTICE, order.unitCode, order.caseId, now,
                    new InboxNotice(order.caseId, order.unitCode, Enums.NoticeKind.REMINDER, now,
                            "催办: the " + label(kind) + " deadline of case " + order.caseId + " is " + deadline,
                            Map.of("deadlineKind", kind.name(), "deadline", deadline.toString())));
            history.record(order.caseId, now, "REMINDER", order.unitCode, "timer", kind.name());
        } else {
            order.overdue = true;
            order.updatedAt = now;
            outbox.publish(EventCatalog.CASE_OVERDUE, order.caseId, now,
                    new WorkOrderOverdue(order.caseId, order.unitCode, kind, deadline, now));
            outbox.publishToUnit(EventCatalog.INBOX_NOTICE, order.unitCode, order.caseId, now,
                    new InboxNotice(order.caseId, order.unitCode, Enums.NoticeKind.OVERDUE, now,
                            "超期: the " + label(kind) + " deadline of case " + order.caseId + " passed at " + deadline,
                            Map.of("deadlineKind", kind.name(), "deadline", deadline.toString())));
            history.record(order.caseId, now, "OVERDUE", order.unitCode, "timer", kind.name());
        }
    }

    private static Instant deadline(WorkOrder o, Enums.DeadlineKind kind) {
        return switch (kind) {
            case SIGN_FOR -> o.signForDeadline;
            case CONTACT -> o.contactDeadline;
            default -> o.completionDeadline;
        };
    }

    private static boolean stillDue(WorkOrderStatus status, Enums.DeadlineKind kind) {
        Set<WorkOrderStatus> open = switch (kind) {
            case SIGN_FOR -> EnumSet.of(WorkOrderStatus.DISPATCHED, WorkOrderStatus.RETURN_REQUESTED,
                    WorkOrderStatus.REOPENED);
            case CONTACT -> EnumSet.of(WorkOrderStatus.DISPATCHED, WorkOrderStatus.RETURN_REQUESTED,
                    WorkOrderStatus.REOPENED, WorkOrderStatus.SIGNED_FOR);
            default -> EnumSet.of(WorkOrderStatus.DISPATCHED, WorkOrderStatus.RETURN_REQUESTED,
                    WorkOrderStatus.REOPENED, WorkOrderStatus.SIGNED_FOR, WorkOrderStatus.CONTACTED);
        };
        return open.contains(status);
    }

    private static String label(Enums.DeadlineKind kind) {
        return switch (kind) {
            case SIGN_FOR -> "sign-for (签收)";
            case CONTACT -> "contact (联系)";
            case COMPLETION -> "completion (办结)";
            default -> kind.name();
        };
    }
}
