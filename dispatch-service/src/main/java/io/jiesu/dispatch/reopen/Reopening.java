package io.jiesu.dispatch.reopen;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseEscalated;
import io.jiesu.contract.event.CaseReopenRequested;
import io.jiesu.contract.event.CaseReopened;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.completion.FollowUps;
import io.jiesu.dispatch.deadline.Deadlines;
import io.jiesu.dispatch.timelimit.TimeLimitPolicy;
import io.jiesu.dispatch.timelimit.TimeLimits;
import io.jiesu.dispatch.workorder.DispatchSettings;
import io.jiesu.dispatch.workorder.Dispatcher;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.dispatch.workorder.WorkOrderStatus;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 重办: reopens a completed order to the same lead unit after a return visit ({@link ReopenRules}), in the consumer's
 * transaction: state REOPENED, round+1, new deadlines (and their durable timers) from the time-limit policy, the
 * order again on the unit's inbox with a REOPENED notice saying why, {@code jiesu.case.reopened.v1} on
 * {@code case.dispatch}; past the round limit also an ESCALATION notice to the district's inbox
 * ({@code D<districtCode>}) and {@code jiesu.case.escalated.v1}.
 */
@ApplicationScoped
public class Reopening {
    private static final Logger LOG = Logger.getLogger(Reopening.class);

    private final Outbox outbox;
    private final History history;
    private final Deadlines deadlines;
    private final FollowUps followUps;
    private final TimeLimits timeLimits;
    private final DispatchSettings settings;
    private final Dispatcher dispatcher;

    @Inject
    public Reopening(Outbox outbox, History history, Deadlines deadlines, FollowUps followUps, TimeLimits timeLimits,
            DispatchSettings settings, Dispatcher dispatcher) {
        this.outbox = outbox;
        this.history = history;
        this.deadlines = deadlines;
        this.followUps = followUps;
        this.timeLimits = timeLimits;
        this.settings = settings;
        this.dispatcher = dispatcher;
    }

    /** @return true when the order was reopened */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reopen(CaseReopenRequested request) {
        WorkOrder o = WorkOrder.findById(request.caseId(), LockModeType.PESSIMISTIC_WRITE);
        if (o == null || o.unitCode == null) {
            LOG.infof("reopen request for case %s: no work order with a unit here; ignored", request.caseId());
            return false;
        }
        int max = settings.maxHandlingRounds();
        ReopenRules.Verdict verdict = ReopenRules.decide(o.state(), o.round, request.round(), max);
        if (!verdict.reopen()) {
            LOG.infof("reopen request (visit %s) for case %s ignored: %s", request.visitId(), o.caseId, verdict.why());
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String reason = ReopenRules.reason(request);
        TimeLimitPolicy.Deadlines limits = timeLimits.applicable(Enums.Urgency.valueOf(o.urgency),
                Enums.AppealType.valueOf(o.appealType)).reopenDeadlinesFrom(now);
        o.status = WorkOrderStatus.REOPENED.name();
        o.round = verdict.newRound();
        o.reopenedAt = now;
        o.reopenReason = reason;
        o.signForDeadline = limits.signFor();
        o.contactDeadline = limits.contact();
        o.completionDeadline = limits.completion();
        // The new round starts clean; the earlier round stays in the history and in its events.
        o.signedAt = null;
        o.signedBy = null;
        o.contactedAt = null;
        o.contactMethod = null;
        o.completedAt = null;
        o.outcome = null;
        o.completionSummary = null;
        o.completionReason = null;
        o.completionPlan = null;
        o.followUpOn = null;
        o.extensionPending = false;
        o.overdue = false;
        o.updatedAt = now;
        followUps.cancel(o.caseId);
        deadlines.scheduleAll(o);
        history.record(o.caseId, now, "REOPENED", o.unitCode, "evaluation:" + request.visitId(),
                "round " + o.round + ": " + reason);
        outbox.publish(EventCatalog.CASE_REOPENED, o.caseId, now, new CaseReopened(o.caseId, o.unitCode, o.round,
                reason, request.visitId(), now, o.signForDeadline, o.contactDeadline, o.completionDeadline));
        outbox.publishToUnit(EventCatalog.INBOX_WORK_ORDER, o.unitCode, o.caseId, now,
                dispatcher.inboxOrder(o, o.unitCode, Enums.HandlingRole.LEAD, now));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("round", String.valueOf(o.round));
        details.put("visitId", String.valueOf(request.visitId()));
        details.put("completionDeadline", o.completionDeadline.toString());
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, o.unitCode, o.caseId, now, new InboxNotice(o.caseId,
                o.unitCode, Enums.NoticeKind.REOPENED, now, "重办: case " + o.caseId + " is yours again (round "
                + o.round + ", due " + o.completionDeadline + "). " + reason, details));
        if (verdict.escalate()) {
            escalate(o, max, reason, now);
        }
        return true;
    }

    private void escalate(WorkOrder o, int max, String reason, Instant now) {
        String district = "D" + o.districtCode;
        boolean known = ReferenceData.get().unit(district).isPresent();
        String message = "重办 " + (o.round - 1) + " times: case " + o.caseId + " of " + o.unitCode
                + " is in round " + o.round + ", beyond the limit of " + max + ". " + reason;
        if (known) {
            outbox.publishToUnit(EventCatalog.INBOX_NOTICE, district, o.caseId, now, new InboxNotice(o.caseId,
                    district, Enums.NoticeKind.ESCALATION, now, message, Map.of("leadUnitCode", o.unitCode,
                            "round", String.valueOf(o.round), "roundLimit", String.valueOf(max))));
        } else {
            LOG.warnf("case %s: no district unit %s to escalate to", o.caseId, district);
        }
        o.escalatedAt = now; // counted by the district's supervision summary
        history.record(o.caseId, now, "ESCALATED", known ? district : null, "dispatch", message);
        outbox.publish(EventCatalog.CASE_ESCALATED, o.caseId, now, new CaseEscalated(o.caseId, o.unitCode,
                Enums.EscalationLevel.DISTRICT, known ? district : null, o.round, max, reason, now));
    }
}
