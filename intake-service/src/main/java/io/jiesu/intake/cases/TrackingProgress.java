package io.jiesu.intake.cases;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.CaseReopened;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ExtensionDecided;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.platform.consumer.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps {@code case_progress} from the events the timeline consumer already follows: when the case was handed over
 * and by when it is due (dispatch, re-dispatch, reopening, a granted extension), how it was completed (outcome and
 * the unit's explanation) and when it was visited. Called by {@link CaseTimelineConsumer} in the event's transaction,
 * with the case row locked and its status already moved.
 */
@ApplicationScoped
public class TrackingProgress {

    @Transactional(Transactional.TxType.MANDATORY)
    public void follow(CaseEntity kase, IncomingEvent event) {
        if (event.is(EventCatalog.CASE_DISPATCHED)) {
            CaseDispatched d = event.data(EventCatalog.CASE_DISPATCHED);
            handedOver(of(kase), d.dispatchedAt(), d.contactDeadline(), d.completionDeadline());
        } else if (event.is(EventCatalog.CASE_REDISPATCHED)) {
            CaseRedispatched r = event.data(EventCatalog.CASE_REDISPATCHED);
            handedOver(of(kase), r.redispatchedAt(), r.contactDeadline(), r.completionDeadline());
        } else if (event.is(EventCatalog.CASE_REOPENED)) {
            CaseReopened r = event.data(EventCatalog.CASE_REOPENED);
            CaseProgressEntity p = of(kase);
            handedOver(p, r.reopenedAt(), r.contactDeadline(), r.completionDeadline());
            // a new round: the previous round's completion and visit no longer describe the case
            p.round = r.round();
            p.completedAt = null;
            p.outcome = null;
            p.explanation = null;
            p.followUpOn = null;
            p.visitedAt = null;
        } else if (event.is(EventCatalog.CASE_EXTENSION_DECIDED)) {
            ExtensionDecided x = event.data(EventCatalog.CASE_EXTENSION_DECIDED);
            if (x.decision() == Enums.Decision.APPROVED && x.completionDeadline() != null) {
                of(kase).completionDueAt = x.completionDeadline();
            }
        } else if (event.is(EventCatalog.CASE_COMPLETED_V2)) {
            CaseCompletedV2 c = event.data(EventCatalog.CASE_COMPLETED_V2);
            CaseProgressEntity p = of(kase);
            p.completedAt = c.completedAt();
            p.outcome = c.outcome() == null ? null : c.outcome().name();
            p.explanation = explanation(c.summary(), c.reason(), c.plan());
            p.followUpOn = c.followUpOn();
        } else if (event.is(EventCatalog.CASE_COMPLETED)) {
            CaseCompleted c = event.data(EventCatalog.CASE_COMPLETED);
            CaseProgressEntity p = of(kase);
            p.completedAt = c.completedAt();
            p.outcome = c.outcome() == null ? null : c.outcome().name();
            p.explanation = explanation(c.summary(), c.reason());
        } else if (event.is(EventCatalog.VISIT_RECORDED) && CaseStatus.VISITED.name().equals(kase.status)) {
            // (a visit read after the reopening it caused left the status alone: it does not count here either)
            VisitRecorded v = event.data(EventCatalog.VISIT_RECORDED);
            of(kase).visitedAt = v.visitedAt() == null ? event.time() : v.visitedAt();
        }
    }

    private static CaseProgressEntity of(CaseEntity kase) {
        CaseProgressEntity p = CaseProgressEntity.findById(kase.caseId);
        if (p == null) {
            p = new CaseProgressEntity();
            p.caseId = kase.caseId;
            p.updatedAt = Instant.now();
            p.persist();
        }
        p.updatedAt = Instant.now();
        return p;
    }

    private static void handedOver(CaseProgressEntity p, Instant at, Instant contactDue, Instant completionDue) {
        p.handedOverAt = at;
        p.contactDueAt = contactDue;
        p.completionDueAt = completionDue;
    }

    /** The unit's words to the citizen: its summary, and the reason or plan when the outcome carries one. */
    static String explanation(String... parts) {
        String joined = Stream.of(parts).filter(Objects::nonNull).map(String::strip).filter(p -> !p.isEmpty())
                .distinct().collect(Collectors.joining("；"));
        return joined.isEmpty() ? null : joined;
    }
}
