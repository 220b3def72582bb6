package io.jiesu.intake.cases;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CaseEscalated;
import io.jiesu.contract.event.CaseReopened;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.CitizenContacted;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.contract.event.WhistleBlown;
import io.jiesu.contract.event.WhistleClosed;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.contract.event.WorkOrderUrged;
import io.jiesu.platform.consumer.IdempotentBatchConsumer;
import io.jiesu.platform.consumer.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Follows {@code case.dispatch}, {@code case.whistle} and {@code case.evaluation} so that one case's status, unit
 * and timeline show everything that happened to it, wherever it happened.
 */
@ApplicationScoped
public class CaseTimelineConsumer {
    private static final Logger LOG = Logger.getLogger(CaseTimelineConsumer.class);
    static final String CONSUMER = "intake-timeline";

    @Inject
    IdempotentBatchConsumer consumer;
    @Inject
    CaseTimeline timeline;
    @Inject
    TrackingProgress progress;

    @Incoming("dispatch-timeline")
    @Blocking
    public void onDispatchEvent(ConsumerRecords<String, String> records) {
        consumer.consumeEach(CONSUMER, records, this::apply);
    }

    @Incoming("whistle-timeline")
    @Blocking
    public void onWhistleEvent(ConsumerRecords<String, String> records) {
        consumer.consumeEach(CONSUMER, records, this::apply);
    }

    @Incoming("evaluation-timeline")
    @Blocking
    public void onEvaluationEvent(ConsumerRecords<String, String> records) {
        consumer.consumeEach(CONSUMER, records, this::apply);
    }

    void apply(IncomingEvent event) {
        // Locked: the three channels run in their own transactions and may change one case at once; without the lock
        // one would write back the row it read and lose the other's change (e.g. the unit set by a dispatch).
        CaseEntity kase = event.subject() == null ? null
                : CaseEntity.findById(event.subject(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (kase == null) {
            // e.g. a proactive case created by dispatch: intake has no appeal for it
            LOG.debugf("%s for case %s that intake does not hold: ignored", event.type(), event.subject());
            return;
        }
        String unit = null;
        String summary;
        CaseStatus status = null;
        if (event.is(EventCatalog.CASE_DISPATCHED)) {
            CaseDispatched d = event.data(EventCatalog.CASE_DISPATCHED);
            unit = d.unitCode();
            status = CaseStatus.DISPATCHED;
            summary = "Dispatched to " + d.unitCode() + " (" + d.ruleDescription() + ")";
        } else if (event.is(EventCatalog.CASE_SIGNED_FOR)) {
            WorkOrderSignedFor s = event.data(EventCatalog.CASE_SIGNED_FOR);
            unit = s.unitCode();
            status = CaseStatus.SIGNED_FOR;
            summary = "Signed for by " + s.unitCode() + (s.late() ? " (late)" : "");
        } else if (event.is(EventCatalog.CASE_CONTACTED)) {
            CitizenContacted c = event.data(EventCatalog.CASE_CONTACTED);
            unit = c.unitCode();
            status = CaseStatus.CONTACTED;
            summary = "Citizen contacted by " + c.unitCode() + (c.late() ? " (late)" : "");
        } else if (event.is(EventCatalog.CASE_COMPLETED_V2)) {
            CaseCompletedV2 c = event.data(EventCatalog.CASE_COMPLETED_V2);
            unit = c.unitCode();
            status = CaseStatus.COMPLETED;
            summary = "Completed by " + c.unitCode() + ": " + c.outcome()
                    + (c.round() > 1 ? " (round " + c.round() + ")" : "")
                    + (c.followUpOn() == null ? "" : ", follow-up on " + c.followUpOn())
                    + (c.late() ? " (late)" : "");
        } else if (event.is(EventCatalog.CASE_COMPLETED)) {
            // v1, written before completion v2 (older records on the topic)
            CaseCompleted c = event.data(EventCatalog.CASE_COMPLETED);
            unit = c.unitCode();
            status = CaseStatus.COMPLETED;
            summary = "Completed by " + c.unitCode() + ": " + c.outcome();
        } else if (event.is(EventCatalog.CASE_REOPENED)) {
            CaseReopened r = event.data(EventCatalog.CASE_REOPENED);
            unit = r.unitCode();
            status = CaseStatus.DISPATCHED;
            summary = "Reopened (重办) to " + r.unitCode() + " for round " + r.round() + ", due "
                    + r.completionDeadline() + ": " + r.reason();
        } else if (event.is(EventCatalog.CASE_ESCALATED)) {
            CaseEscalated e = event.data(EventCatalog.CASE_ESCALATED);
            unit = e.unitCode();
            summary = "Escalated to the district" + (e.escalatedToUnitCode() == null ? ""
                    : " (" + e.escalatedToUnitCode() + ")") + ": round " + e.round() + " is beyond the limit of "
                    + e.roundLimit();
        } else if (event.is(EventCatalog.CASE_REDISPATCHED)) {
            CaseRedispatched r = event.data(EventCatalog.CASE_REDISPATCHED);
            unit = r.toUnitCode();
            status = CaseStatus.DISPATCHED;
            summary = "Re-dispatched from " + r.fromUnitCode() + " to " + r.toUnitCode();
        } else if (event.is(EventCatalog.WORK_ORDER_URGED)) {
            WorkOrderUrged u = event.data(EventCatalog.WORK_ORDER_URGED);
            unit = u.unitCode();
            summary = "Urged (催办) by " + (u.urgedByDistrictCode() == null ? u.urgedByRole()
                    : "district " + u.urgedByDistrictCode()) + ": " + u.message();
        } else if (event.is(EventCatalog.WHISTLE_BLOWN)) {
            WhistleBlown w = event.data(EventCatalog.WHISTLE_BLOWN);
            unit = w.leadUnitCode();
            summary = "Whistle " + w.whistleId() + " blown by " + w.leadUnitCode() + ", summoning "
                    + String.join(", ", w.summonedUnitCodes());
        } else if (event.is(EventCatalog.WHISTLE_CLOSED)) {
            WhistleClosed w = event.data(EventCatalog.WHISTLE_CLOSED);
            unit = w.leadUnitCode();
            summary = "Whistle " + w.whistleId() + " closed: " + w.outcome();
        } else if (event.is(EventCatalog.VISIT_RECORDED)) {
            VisitRecorded v = event.data(EventCatalog.VISIT_RECORDED);
            // A visit read after the reopening it caused (topics are consumed independently) must not close it again.
            status = v.visitedAt() != null && timeline.reopenedSince(kase.caseId, v.visitedAt()) ? null
                    : CaseStatus.VISITED;
            summary = v.reached() ? "Return visit: " + v.resolution() + ", " + v.satisfaction()
                    : "Return visit: citizen not reached";
        } else {
            var known = EventCatalog.byType(event.type());
            summary = known.map(t -> t.summary()).orElse(event.type());
        }
        // Topics are consumed independently (a visit may arrive before the dispatch it follows): the status only
        // moves forward, except that a re-dispatch hands an open case to its new unit and a reopening (重办) hands a
        // completed or visited case back to its unit (the next round moves forward from there).
        boolean redispatch = event.is(EventCatalog.CASE_REDISPATCHED);
        boolean reopened = event.is(EventCatalog.CASE_REOPENED);
        CaseStatus current = CaseStatus.valueOf(kase.status);
        if (status != null && (status.ordinal() > current.ordinal() || reopened
                || redispatch && current.ordinal() < CaseStatus.COMPLETED.ordinal())) {
            kase.status = status.name();
            kase.updatedAt = Instant.now();
        }
        if (unit != null && status != null && (redispatch || kase.unitCode == null)) {
            kase.unitCode = unit;
        }
        // jiesu.case.signed-for.v1 → SIGNED_FOR; jiesu.whistle.blown.v1 → WHISTLE_BLOWN
        String kind = event.type().replaceFirst("^jiesu\\.(case\\.)?", "").replaceFirst("\\.v\\d+$", "")
                .replace("evaluation.", "").toUpperCase().replace('-', '_').replace('.', '_');
        if (event.is(EventCatalog.WORK_ORDER_URGED)) {
            kind = "URGE"; // the console's word for 催办, shared with the inbox notice kind
        }
        timeline.add(kase.caseId, event.time(), kind, summary, unit, event.id());
        progress.follow(kase, event); // what the citizens' tracking shows: due times, outcome, visit
    }
}
