package io.jiesu.intake.cases;

import io.jiesu.intake.appeal.AppealService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return Optional.of(viewOf(kase, timeline.of(caseId)));
    }

    /**
     * The view of a case and its timeline — read back, or as an appeal just stored them (its answer, without a read:
     * {@link AppealService.Accepted}).
     */
    public static CaseView viewOf(CaseEntity kase, List<CaseView.TimelineEntry> timeline) {
        return new CaseView(kase.caseId, kase.externalId, kase.status, kase.channel, kase.receivedAt,
                kase.appealType, kase.categoryCode, kase.categorySource, kase.urgency, kase.urgencySource,
                AppealService.citizenOf(kase), AppealService.locationOf(kase), kase.content,
                AppealService.attachmentsOf(kase), kase.unitCode, kase.linkedCaseId, kase.flagged,
                timeline, kase.streetCode == null);
    }

    /** One line of a search result. */
    public record CaseSummary(String caseId, String status, Instant receivedAt, String type, String categoryCode,
            String urgency, String districtCode, String streetCode, String unitCode, boolean flagged) {
    }

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Transactional
    public List<CaseSummary> search(String phone, String categoryCode, String districtCode, String streetCode,
            LocalDate from, LocalDate to, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (phone != null && !phone.isBlank()) {
            where.append(" and citizenPhone = :phone");
            params.put("phone", phone.trim());
        }
        if (categoryCode != null) {
            where.append(" and categoryCode = :category");
            params.put("category", categoryCode);
        }
        if (districtCode != null) {
            where.append(" and districtCode = :district");
            params.put("district", districtCode);
        }
        if (streetCode != null) {
            where.append(" and streetCode = :street");
            params.put("street", streetCode);
        }
        if (from != null) {
            where.append(" and receivedAt >= :from");
            params.put("from", from.atStartOfDay(BEIJING).toInstant());
        }
        if (to != null) {
            where.append(" and receivedAt < :to");
            params.put("to", to.plusDays(1).atStartOfDay(BEIJING).toInstant());
        }
        return CaseEntity.<CaseEntity>find(where.toString(), Sort.descending("receivedAt"), params)
                .page(Page.of(page, size)).list().stream()
                .map(k -> new CaseSummary(k.caseId, k.status, k.receivedAt, k.appealType, k.categoryCode, k.urgency,
                        k.districtCode, k.streetCode, k.unitCode, k.flagged)).toList();
    }
}
