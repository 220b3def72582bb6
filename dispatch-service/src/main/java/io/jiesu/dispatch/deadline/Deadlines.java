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
 * by the {@code TimerPoller} of whichever instance claims it. Timers are written in the transaction that sets the
 * deadline; meeting a deadline cancels its timers; a moved deadline (extension, re-dispatch) moves them.
 */
@ApplicationScoped
public class Deadlines implements TimerHandler {
    public static final String GROUP = "dispatch.deadline";
    private static final Logger LOG = Logger.getLogger(Deadlines.class);

    enum Phase { REMINDER, OVERDUE }

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

    /** Schedules the timers of all three deadlines of an order (replacing earlier ones). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduleAll(WorkOrder order) {
        schedule(order, Map.of(Enums.DeadlineKind.SIGN_FOR, order.signForDeadline,
                Enums.DeadlineKind.CONTACT, order.contactDeadline,
                Enums.DeadlineKind.COMPLETION, order.completionDeadline));
    }

    /** Schedules (or moves) the reminder and the overdue timer of one deadline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(WorkOrder order, Enums.DeadlineKind kind, Instant deadline) {
        schedule(order, Map.of(kind, deadline));
    }

    /** The reminder (unless already past) and the overdue timer of each deadline, in one statement. */
    private void schedule(WorkOrder order, Map<Enums.DeadlineKind, Instant> deadlines) {
        TimeLimitPolicy policy = timeLimits.applicable(Enums.Urgency.valueOf(order.urgency),
                Enums.AppealType.valueOf(order.appealType));
        Instant now = Instant.now();
        List<DurableTimers.Schedule> schedules = new ArrayList<>(2 * deadlines.size());
        deadlines.forEach((kind, at) -> {
            Instant deadline = at.truncatedTo(ChronoUnit.MILLIS);
            Instant remindAt = deadline.minus(policy.remindBefore(kind));
            if (remindAt.isAfter(now)) {
                schedules.add(new DurableTimers.Schedule(name(kind, Phase.REMINDER), remindAt, deadline.toString()));
            } else {
                timers.cancel(GROUP, order.caseId, name(kind, Phase.REMINDER));
            }
            schedules.add(new DurableTimers.Schedule(name(kind, Phase.OVERDUE), deadline, deadline.toString()));
        });
        timers.scheduleAll(GROUP, order.caseId, schedules);
    }

    /** A deadline was met: its timers will not fire. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String caseId, Enums.DeadlineKind kind) {
        timers.cancel(GROUP, caseId, kind.name() + "/");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(String caseId) {
        timers.cancel(GROUP, caseId, "");
    }

    static String name(Enums.DeadlineKind kind, Phase phase) {
        return kind.name() + "/" + phase.name();
    }

    /**
     * Runs in the poller's transaction. The order is locked without waiting (NOWAIT): when a unit action holds it,
     * this throws, the poller rolls back and retries shortly — no deadlock between timer and order locks.
     */
    @Override
    public void fire(DueTimer timer) {
        String[] parts = timer.name().split("/");
        Enums.DeadlineKind kind = Enums.DeadlineKind.valueOf(parts[0]);
        Phase phase = Phase.valueOf(parts[1]);
        WorkOrder order = em.find(WorkOrder.class, timer.subject(), LockModeType.PESSIMISTIC_WRITE,
                Map.of("jakarta.persistence.lock.timeout", 0));
        if (order == null || order.unitCode == null) {
            return;
        }
        Instant deadline = Instant.parse(timer.data());
        Instant current = current(order, kind);
        // The database keeps microseconds: compare at millisecond precision (the timer stores milliseconds).
        if (current == null || deadline.toEpochMilli() != current.truncatedTo(ChronoUnit.MILLIS).toEpochMilli()
                || !stillDue(order.state(), kind)) {
            LOG.debugf("case %s: %s no longer due, timer %s ignored", order.caseId, kind, timer.name());
            return;
        }
        Instant now = Instant.now();
        if (phase == Phase.REMINDER) {
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

    private static Instant current(WorkOrder o, Enums.DeadlineKind kind) {
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
