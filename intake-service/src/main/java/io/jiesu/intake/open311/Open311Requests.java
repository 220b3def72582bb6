package io.jiesu.intake.open311;

import io.jiesu.contract.event.Enums;
import io.jiesu.intake.appeal.AppealRequest;
import io.jiesu.intake.appeal.AppealCommitter;
import io.jiesu.intake.appeal.AppealService;
import io.jiesu.intake.cases.CaseEntity;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cases Open311 shows and takes in: queries of the GeoReport v2 facade, out of its REST resource. */
@ApplicationScoped
public class Open311Requests {
    /** The filters of {@code GET requests}: ids win over the rest, as the spec says. */
    record Filter(List<String> ids, List<String> serviceCodes, Instant start, Instant end) {
    }

    static final int MAX_LIST = 1000;

    private final AppealService appeals;
    private final AppealCommitter committer;
    private final EntityManager em;

    Open311Requests(AppealService appeals, AppealCommitter committer, EntityManager em) {
        this.appeals = appeals;
        this.committer = committer;
        this.em = em;
    }

    /** Cases that came in through Open311, newest first, at most {@link #MAX_LIST}. */
    @Transactional
    public List<CaseEntity> find(Filter filter) {
        StringBuilder where = new StringBuilder("channel = :channel");
        Map<String, Object> params = new HashMap<>();
        params.put("channel", Enums.Channel.OPEN311.name());
        if (filter.ids() != null) {
            where.append(" and caseId in :ids");
            params.put("ids", filter.ids());
        } else {
            where.append(" and receivedAt >= :start and receivedAt <= :end");
            params.put("start", filter.start());
            params.put("end", filter.end());
            if (filter.serviceCodes() != null) {
                where.append(" and categoryCode in :codes");
                params.put("codes", filter.serviceCodes());
            }
        }
        return CaseEntity.<CaseEntity>find(where.toString(), Sort.descending("receivedAt"), params)
                .page(Page.ofSize(MAX_LIST)).list();
    }

    /** One case that came in through Open311. */
    @Transactional
    public Optional<CaseEntity> one(String caseId) {
        return CaseEntity.<CaseEntity>findByIdOptional(caseId)
                .filter(k -> Enums.Channel.OPEN311.name().equals(k.channel));
    }

    /**
     * Takes the appeal in and, for a partner's api key, records the partner on a new case in the same transaction
     * (a retry of the same Idempotency-Key finds the case already recorded): checked first (422 without the database),
     * then stored with whatever other REST appeals wait ({@link AppealCommitter}, group commit).
     */
    public AppealCommitter.Answer accept(AppealRequest appeal, ApiKeys.Partner partner) {
        // the partner's key is stored with the new case, in its insert
        return committer.accept(appeals.checked(appeal), partner == null ? null : partner.keyId());
    }

    /** The partner whose api key submitted the case, if any (for operators and tests). */
    @Transactional
    public Optional<String> partnerOf(String caseId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT k.partner FROM intake_case c JOIN open311_api_key k "
                + "ON k.id = c.open311_key_id WHERE c.case_id = ?1").setParameter(1, caseId).getResultList();
        return rows.stream().findFirst();
    }
}
