package io.jiesu.evaluation.visit;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseReopenRequested;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.evaluation.casefile.CaseFileConsumer;
import io.jiesu.evaluation.scheme.EvaluationScheme;
import io.jiesu.evaluation.scheme.SchemeRules;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Records a return visit and applies {@link VisitLoop}: the counting visit, the round's visit status, and a reopening
 * through the outbox in the same transaction.
 */
@ApplicationScoped
public class VisitService {
    /** The stored visit and what it did. */
    public record Recorded(VisitRepository.VisitRow visit, String caseId, boolean counts) {
    }

    private final VisitRepository visits;
    private final Outbox outbox;

    public VisitService(VisitRepository visits, Outbox outbox) {
        this.visits = visits;
        this.outbox = outbox;
    }

    @Transactional
    public Recorded record(VisitResource.Visit visit, String recordedBy) {
        VisitRepository.CaseForVisit kase = visits.lockCase(visit.caseId()).orElseThrow(() ->
                ProblemException.notFound("no case " + visit.caseId() + " known to evaluation (not received yet?)"));
        if (kase.completedAt() == null) {
            throw ProblemException.conflict("case " + visit.caseId() + " is not completed yet: a return visit "
                    + "follows the unit's completion").with("currentState", "OPEN");
        }
        if (visit.reached() && (visit.resolution() == null || visit.satisfaction() == null)) {
            throw ProblemException.unprocessable("a reached citizen's visit needs resolution and satisfaction");
        }
        Instant now = Instant.now();
        Instant visitedAt = visit.visitedAt() != null ? visit.visitedAt() : now;
        SchemeRules rules = EvaluationScheme.forPeriod(CaseFileConsumer.periodOf(now)).map(EvaluationScheme::rules)
                .orElse(null);
        VisitLoop.Decision d = VisitLoop.decide(kase.round(), kase.status(), kase.countingVisitId() != null,
                kase.answeredDirectly(), visit.reached(), visit.resolution(), visit.satisfaction(), rules);
        String visitId = "V" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        visits.insert(visitId, visit.caseId(), kase.round(), visitedAt, visit.reached(), visit.contactedInTime(),
                visit.resolution(), visit.satisfaction(), visit.comment(), d.reopen(), now, recordedBy);
        visits.afterVisit(visit.caseId(), d.counts() ? visitId : null, d.status(), d.attempt());
        // case.evaluation carries the visit that counts (and the attempts before it), so readers such as analytics
        // see evaluation's figures; later visits are kept here and listed
        if (d.counts() || !visit.reached() && kase.countingVisitId() == null) {
            outbox.publish(EventCatalog.VISIT_RECORDED, visit.caseId(), now, new VisitRecorded(visit.caseId(), visitId,
                    visitedAt, visit.reached(), visit.contactedInTime(), visit.resolution(), visit.satisfaction(),
                    visit.comment()));
        }
        if (d.reopen()) {
            outbox.publish(EventCatalog.REOPEN_REQUESTED, visit.caseId(), now, new CaseReopenRequested(visit.caseId(),
                    visitId, kase.round(), visit.resolution(), visit.satisfaction(), visit.comment(), now));
        }
        return new Recorded(new VisitRepository.VisitRow(visitId, visitedAt, kase.round(), visit.reached(),
                visit.contactedInTime(), visit.resolution(), visit.satisfaction(), visit.comment(), d.reopen()),
                visit.caseId(), d.counts());
    }
}
