package io.jiesu.dispatch.supervision;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.WorkOrderUrged;
import io.jiesu.dispatch.workorder.CoHandler;
import io.jiesu.dispatch.workorder.DispatchSettings;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 催办: a district coordinator (各区统筹) or a hotline reviewer urges the unit holding an open order. Locks the order,
 * checks access (a district reaches its own units' orders only: 403 that reveals nothing), the message, the state
 * (409) and the interval (429, {@link ReminderRules}); then counts the reminder on the order, records it in the
 * order's history, sends a notice of kind {@code URGE} to the lead's and every co-handler's inbox and
 * {@code jiesu.dispatch.work-order-urged.v1} on {@code case.dispatch} — in one transaction, through the outbox.
 */
@ApplicationScoped
public class Reminders {
    /** Who urges: the token's subject, its role and, for a district coordinator, its district (else null). */
    public record Urger(String subject, String role, String districtCode) {
    }

    /** A sent reminder. */
    public record Sent(WorkOrder order, List<String> notifiedUnitCodes, Instant urgedAt, Instant nextAllowedAt) {
    }

    /** Too soon after the last reminder: a 429 problem; the resource adds the {@code Retry-After} header. */
    public static class TooSoon extends ProblemException {
        public final long retryAfterSeconds;

        TooSoon(String caseId, ReminderRules.TooSoon verdict) {
            super(429, "Too many requests", "case " + caseId + " was urged less than the reminder interval ago; "
                    + "the next reminder may be sent at " + verdict.nextAllowedAt());
            this.retryAfterSeconds = verdict.retryAfterSeconds();
            with("nextAllowedAt", verdict.nextAllowedAt().toString()).with("retryAfterSeconds", retryAfterSeconds);
        }
    }

    private final Outbox outbox;
    private final History history;
    private final DispatchSettings settings;

    @Inject
    public Reminders(Outbox outbox, History history, DispatchSettings settings) {
        this.outbox = outbox;
        this.history = history;
        this.settings = settings;
    }

    @Transactional
    public Sent urge(String caseId, Urger urger, String message) {
        WorkOrder o = caseId == null ? null : WorkOrder.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (urger.districtCode() != null) {
            if (o == null || !DistrictUnits.holds(urger.districtCode(), o.unitCode)) {
                throw ProblemException.forbidden("work order " + caseId + " is not held by a unit of district "
                        + urger.districtCode());
            }
        } else if (o == null) {
            throw ProblemException.notFound("no work order for case " + caseId);
        }
        String invalid = ReminderRules.invalidMessage(message);
        if (invalid != null) {
            throw ProblemException.unprocessable(invalid).with("field", "message");
        }
        Instant now = Instant.now();
        var interval = settings.reminderInterval();
        ReminderRules.Verdict verdict = ReminderRules.check(o.state(), o.lastRemindedAt, now, interval);
        if (verdict instanceof ReminderRules.NotUrgeable n) {
            throw ProblemException.conflict(n.reason()).with("currentState", o.status);
        }
        if (verdict instanceof ReminderRules.TooSoon t) {
            throw new TooSoon(caseId, t);
        }
        String text = message.strip();
        o.reminderCount++;
        o.lastRemindedAt = now;
        o.updatedAt = now;
        List<String> notified = new ArrayList<>();
        notified.add(o.unitCode);
        notified.addAll(CoHandler.unitsOf(caseId)); // 协办 units cooperate on the same order: they hear it too
        String who = urger.districtCode() != null ? "district " + urger.districtCode() : urger.role();
        history.record(caseId, now, "URGED", o.unitCode, urger.subject(), "催办 by " + who + " (#" + o.reminderCount
                + "): " + text);
        for (String unit : notified) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("urgedBy", urger.subject());
            details.put("urgedByRole", urger.role());
            if (urger.districtCode() != null) {
                details.put("urgedByDistrictCode", urger.districtCode());
            }
            details.put("role", unit.equals(o.unitCode) ? "LEAD" : "CO_HANDLER");
            details.put("reminderCount", String.valueOf(o.reminderCount));
            details.put("status", o.status);
            details.put("overdue", String.valueOf(o.overdue));
            outbox.publishToUnit(EventCatalog.INBOX_NOTICE, unit, caseId, now, new InboxNotice(caseId, unit,
                    Enums.NoticeKind.URGE, now, "催办 (" + who + "): " + text, details));
        }
        outbox.publish(EventCatalog.WORK_ORDER_URGED, caseId, now, new WorkOrderUrged(caseId, o.unitCode,
                List.copyOf(notified), urger.subject(), urger.role(), urger.districtCode(), text, o.reminderCount,
                o.status, o.overdue, o.round, now));
        return new Sent(o, List.copyOf(notified), now, now.plus(interval));
    }
}
