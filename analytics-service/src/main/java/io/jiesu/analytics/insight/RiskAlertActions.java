package io.jiesu.analytics.insight;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.ProactiveWorkOrderRequested;
import io.jiesu.contract.event.RiskAlertClosed;
import io.jiesu.contract.event.SupervisionTaskAssigned;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * What can be done about a risk alert: a proactive work order (未诉先办) for a handling unit, a supervision task (督办)
 * for the district's supervisors {@code D<district>} or the hotline centre {@code CITY}, and closing it with a note.
 * Each stores its action and publishes its event on {@code analytics.insights} in one transaction; the alert row is
 * locked meanwhile so a close and an action never cross. A CLOSED alert takes no more actions (409).
 */
@ApplicationScoped
public class RiskAlertActions {
    static final String HOTLINE_UNIT = "CITY";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    RiskAlerts alerts;
    @Inject
    Outbox outbox;

    /** The units a supervision task of this alert may go to: the alert's district's, when known, and the hotline. */
    static List<String> supervisorsOf(RiskAlerts.Alert alert) {
        String district = "D" + alert.districtCode();
        return alert.districtCode() != null && ReferenceData.get().unit(district).isPresent()
                ? List.of(district, HOTLINE_UNIT) : List.of(HOTLINE_UNIT);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RiskAlerts.Action workOrder(RiskAlerts.Alert alert, String unitCode, String content, LocalDate dueDate,
            String by) {
        requireOpen(alert);
        if (ReferenceData.get().unit(unitCode).isEmpty()) {
            throw ProblemException.unprocessable("unitCode: no handling unit '" + unitCode
                    + "' in the reference data (units of the contract's reference-data.json, e.g. 110105001, DEPT_HOUSING)")
                    .with("field", "unitCode");
        }
        requireFuture(dueDate);
        Instant now = Instant.now();
        String caseId = alerts.newProactiveCaseId(now);
        String requestId = "PWO-" + caseId;
        outbox.publish(EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED, caseId, now, new ProactiveWorkOrderRequested(
                requestId, caseId, null, unitCode, alert.categoryCode(),
                new Location(alert.districtCode(), alert.streetCode(), null, null, null, null),
                "风险预警 " + alert.insightId() + "：" + content, dueDate, now));
        RiskAlerts.Action action = new RiskAlerts.Action(caseId, RiskAlertActionKind.WORK_ORDER, unitCode, content,
                dueDate, requestId, by, now);
        alerts.addAction(alert.insightId(), action);
        return action;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RiskAlerts.Action task(RiskAlerts.Alert alert, String supervisorUnit, String note, LocalDate dueDate,
            String by) {
        requireOpen(alert);
        List<String> allowed = supervisorsOf(alert);
        if (!allowed.contains(supervisorUnit)) {
            throw ProblemException.unprocessable("supervisorUnit: a task on this alert goes to one of " + allowed
                    + " (the alert's district's supervisors or the hotline centre), not '" + supervisorUnit + "'")
                    .with("field", "supervisorUnit");
        }
        requireFuture(dueDate);
        Instant now = Instant.now();
        String taskId = "ST-" + UUID.randomUUID();
        outbox.publish(EventCatalog.SUPERVISION_TASK_ASSIGNED, alert.insightId(), now, new SupervisionTaskAssigned(
                taskId, alert.insightId(), alert.kind(), supervisorUnit, alert.districtCode(), alert.caseIds(), note,
                dueDate, by, now));
        RiskAlerts.Action action = new RiskAlerts.Action(taskId, RiskAlertActionKind.SUPERVISION_TASK,
                supervisorUnit, note, dueDate, null, by, now);
        alerts.addAction(alert.insightId(), action);
        return action;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void close(RiskAlerts.Alert alert, String note, String by) {
        requireOpen(alert);
        Instant now = Instant.now();
        List<RiskAlerts.Action> actions = alerts.actions(alert.insightId());
        alerts.close(alert.insightId(), by, now, note);
        outbox.publish(EventCatalog.RISK_ALERT_CLOSED, alert.insightId(), now, new RiskAlertClosed(alert.insightId(),
                alert.kind(), alert.districtCode(), note, by, now,
                actions.stream().filter(a -> a.kind() == RiskAlertActionKind.WORK_ORDER)
                        .map(RiskAlerts.Action::actionId).toList(),
                actions.stream().filter(a -> a.kind() == RiskAlertActionKind.SUPERVISION_TASK)
                        .map(RiskAlerts.Action::actionId).toList()));
    }

    private static void requireOpen(RiskAlerts.Alert alert) {
        if (alert.status() == RiskAlertStatus.CLOSED) {
            throw ProblemException.conflict("risk alert " + alert.insightId() + " was closed by " + alert.closedBy()
                    + " at " + alert.closedAt() + ": " + alert.closeNote());
        }
    }

    private static void requireFuture(LocalDate dueDate) {
        if (dueDate.isBefore(LocalDate.now(BEIJING))) {
            throw ProblemException.unprocessable("dueDate " + dueDate + " is in the past (Beijing date)")
                    .with("field", "dueDate");
        }
    }
}
