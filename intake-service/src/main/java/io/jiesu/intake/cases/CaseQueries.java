package io.jiesu.intake.cases;

import io.jiesu.intake.appeal.AppealService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Read side of intake's cases. */
@ApplicationScoped
public class CaseQueries {
    @Inject
    CaseTimeline timeline;

    @Transactional
    public CaseView view(String caseId) {
        return find(caseId).orElseThrow();
    }

    @Transactional
    public Optional<CaseView> find(String caseId) {
        CaseEntity kase = CaseEntity.findById(caseId);
        if (kase == null) {
            return Optional.empty();
        }
        return Optional.of(new CaseView(kase.caseId, kase.externalId, kase.status, kase.channel, kase.receivedAt,
                kase.appealType, kase.categoryCode, kase.categorySource, kase.urgency, kase.urgencySource,
                AppealService.citizenOf(kase), AppealService.locationOf(kase), kase.content,
                AppealService.attachmentsOf(kase), kase.unitCode, timeline.of(caseId)));
    }
}
