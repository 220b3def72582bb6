package io.jiesu.analytics.ingest;

import io.jiesu.analytics.insight.HotspotDetector;
import io.jiesu.analytics.insight.RiskDetector;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CallerFlagged;
import io.jiesu.contract.event.CaseAnsweredDirectly;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.SchemePublished;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.GovernanceListPublished;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.contract.event.ObjectionDecided;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.contract.Json;
import io.jiesu.platform.consumer.IdempotentBatchConsumer;
import io.jiesu.platform.consumer.IncomingEvent;
import io.jiesu.platform.persistence.NativeSql;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the read models from case.intake, case.dispatch, case.evaluation and evaluation.results. The channels run
 * in batch mode: one poll's records are applied in one transaction by {@link IdempotentBatchConsumer}, each event
 * once (de-duplicated on ce_id in {@code processed_event}), in partition order (one case, one partition), poison to
 * {@code <topic>.dlq} without holding back the rest of its batch. A batch that has to be split is applied again one
 * event at a time through the per-event handlers ({@link #intake}, {@link #dispatch}, {@link #evaluation},
 * {@link #results}), which give the same result as the batch handlers.
 * Personal data (citizen, address, content) is never stored (risk words come from intake's risk-flagged event). The
 * only caller reference is intake's keyed pseudonym ({@code case.received}'s {@code callerHash},
 * {@code caller-flagged}), kept for the repeated-dissatisfaction window (see {@link io.jiesu.analytics.insight.CallerHashRetention}).
 */
@ApplicationScoped
public class CaseEventConsumer {
    /** The tables a write to case_fact touches: its trigger keeps place_day_count. */
    private static final String[] CASE_FACT = {"case_fact", "place_day_count"};
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    IdempotentBatchConsumer consumer;
    @Inject
    EntityManager em;
    @Inject
    HotspotDetector hotspots;
    @Inject
    RiskDetector risks;

    @Incoming("case-intake")
    @Blocking
    public void onIntake(ConsumerRecords<String, String> records) {
        consumer.consume("analytics-intake", records, this::intakeBatch, this::intake);
    }

    @Incoming("case-dispatch")
    @Blocking
    public void onDispatch(ConsumerRecords<String, String> records) {
        consumer.consume("analytics-dispatch", records, this::dispatchBatch, this::dispatch);
    }

    @Incoming("case-evaluation")
    @Blocking
    public void onEvaluation(ConsumerRecords<String, String> records) {
        consumer.consume("analytics-evaluation", records, this::evaluationBatch, this::evaluation);
    }

    @Incoming("evaluation-results")
    @Blocking
    public void onResults(ConsumerRecords<String, String> records) {
        consumer.consume("analytics-results", records, events -> {
            for (IncomingEvent e : events) {
                results(e);
            }
        }, this::results);
    }

    /**
     * Appeals one after the other, as they came: the hotspot and collective-complaint rules look at the read model
     * as each appeal is added (a hotspot reports the count that crossed the threshold).
     */
    void intakeBatch(List<IncomingEvent> events) {
        for (IncomingEvent event : events) {
            intake(event);
        }
    }

    /** Folds the batch's dispatch events per case, in order, and writes each case once (see {@link CaseFacts}). */
    void dispatchBatch(List<IncomingEvent> events) {
        CaseFacts facts = new CaseFacts();
        for (IncomingEvent event : events) {
            if (event.is(EventCatalog.CASE_DISPATCHED)) {
                CaseDispatched d = event.data(EventCatalog.CASE_DISPATCHED);
                requireCase(d.caseId(), event);
                facts.of(d.caseId()).dispatched(d.dispatchedAt(), d.unitCode(), name(d.type()), d.categoryCode(),
                        d.districtCode(), d.streetCode(), name(d.urgency()));
            } else if (event.is(EventCatalog.CASE_REDISPATCHED)) {
                CaseRedispatched r = event.data(EventCatalog.CASE_REDISPATCHED);
                requireCase(r.caseId(), event);
                facts.of(r.caseId()).redispatched(r.toUnitCode());
            } else if (event.is(EventCatalog.CASE_SIGNED_FOR)) {
                WorkOrderSignedFor s = event.data(EventCatalog.CASE_SIGNED_FOR);
                requireCase(s.caseId(), event);
                facts.of(s.caseId()).signed(s.signedAt());
            } else if (event.is(EventCatalog.CASE_COMPLETED)) {
                CaseCompleted c = event.data(EventCatalog.CASE_COMPLETED);
                requireCase(c.caseId(), event);
                facts.of(c.caseId()).completed(c.completedAt(), name(c.outcome()));
            } else if (event.is(EventCatalog.CASE_COMPLETED_V2)) {
                CaseCompletedV2 c = event.data(EventCatalog.CASE_COMPLETED_V2);
                requireCase(c.caseId(), event);
                if (c.round() <= 1) { // as evaluation: the first handling's completion is the one that counts
                    facts.of(c.caseId()).completed(c.completedAt(), name(c.outcome()));
                }
            }
        }
        facts.writeDispatch(em);
    }

    /**
     * Folds the batch's visits and objection decisions per case and writes each case once; then the
     * repeated-dissatisfaction rule runs for each dissatisfied visit, in order, on the batch's result.
     */
    void evaluationBatch(List<IncomingEvent> events) {
        CaseFacts facts = new CaseFacts();
        List<IncomingEvent> dissatisfied = new ArrayList<>();
        List<String> dissatisfiedCases = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (event.is(EventCatalog.VISIT_RECORDED)) {
                VisitRecorded v = event.data(EventCatalog.VISIT_RECORDED);
                requireCase(v.caseId(), event);
                facts.of(v.caseId()).visited(v.visitedAt(), v.reached(), name(v.resolution()), name(v.satisfaction()));
                if (v.satisfaction() == Enums.Satisfaction.DISSATISFIED) {
                    dissatisfied.add(event);
                    dissatisfiedCases.add(v.caseId());
                }
            } else if (event.is(EventCatalog.OBJECTION_DECIDED)) {
                ObjectionDecided o = event.data(EventCatalog.OBJECTION_DECIDED);
                if (o.decision() == Enums.ObjectionDecision.ACCEPTED) {
                    requireCase(o.caseId(), event);
                    facts.of(o.caseId()).excluded();
                }
            }
        }
        risks.lockCases(dissatisfiedCases);
        facts.writeEvaluation(em);
        for (int i = 0; i < dissatisfied.size(); i++) {
            risks.afterDissatisfiedVisit(dissatisfiedCases.get(i), dissatisfied.get(i).time());
        }
    }

    void intake(IncomingEvent event) {
        if (event.is(EventCatalog.CASE_RECEIVED)) {
            CaseReceived r = event.data(EventCatalog.CASE_RECEIVED);
            requireCase(r.caseId(), event);
            Location l = r.location();
            NativeSql.on(em, CASE_FACT).query("""
                    INSERT INTO case_fact (case_id, received_at, day, channel, appeal_type, category_code, district_code,
                                           street_code, urgency, caller_hash)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                    ON CONFLICT (case_id) DO UPDATE SET received_at = EXCLUDED.received_at, day = EXCLUDED.day,
                        channel = EXCLUDED.channel, appeal_type = EXCLUDED.appeal_type,
                        category_code = EXCLUDED.category_code, district_code = EXCLUDED.district_code,
                        street_code = EXCLUDED.street_code, urgency = EXCLUDED.urgency,
                        caller_hash = EXCLUDED.caller_hash""")
                    .setParameter(1, r.caseId()).setParameter(2, r.receivedAt()).setParameter(3, day(r.receivedAt()))
                    .setParameter(4, name(r.channel())).setParameter(5, name(r.type()))
                    .setParameter(6, r.categoryCode()).setParameter(7, l == null ? null : l.districtCode())
                    .setParameter(8, l == null ? null : l.streetCode()).setParameter(9, name(r.urgency()))
                    .setParameter(10, blankToNull(r.callerHash())).executeUpdate();
            hotspots.evaluate(r.categoryCode(), l == null ? null : l.districtCode(), l == null ? null : l.streetCode(),
                    day(r.receivedAt()), event.time());
            risks.afterAppeal(r.caseId(), r.type(), r.categoryCode(), l, r.receivedAt());
            // the return visit may have come first (another topic): then this is when the caller becomes known
            risks.afterCallerKnown(r.caseId(), blankToNull(r.callerHash()), event.time());
        } else if (event.is(EventCatalog.CASE_ANSWERED_DIRECTLY)) {
            CaseAnsweredDirectly a = event.data(EventCatalog.CASE_ANSWERED_DIRECTLY);
            requireCase(a.caseId(), event);
            Location l = a.location();
            NativeSql.on(em, CASE_FACT).query("""
                    INSERT INTO case_fact (case_id, received_at, day, channel, appeal_type, category_code, district_code,
                                           street_code, answered_directly, completed_at, outcome)
                    VALUES (?1, ?2, ?3, ?4, 'CONSULTATION', ?5, ?6, ?7, true, ?8, 'EXPLAINED')
                    ON CONFLICT (case_id) DO UPDATE SET received_at = EXCLUDED.received_at, day = EXCLUDED.day,
                        channel = EXCLUDED.channel, appeal_type = EXCLUDED.appeal_type,
                        category_code = EXCLUDED.category_code, district_code = EXCLUDED.district_code,
                        street_code = EXCLUDED.street_code, answered_directly = true,
                        completed_at = EXCLUDED.completed_at, outcome = EXCLUDED.outcome""")
                    .setParameter(1, a.caseId()).setParameter(2, a.receivedAt()).setParameter(3, day(a.receivedAt()))
                    .setParameter(4, name(a.channel())).setParameter(5, a.categoryCode())
                    .setParameter(6, l == null ? null : l.districtCode()).setParameter(7, l == null ? null : l.streetCode())
                    .setParameter(8, a.answeredAt()).executeUpdate();
        } else if (event.is(EventCatalog.CASE_LINKED)) {
            CaseLinked k = event.data(EventCatalog.CASE_LINKED);
            requireCase(k.caseId(), event);
            ensureRow(k.caseId());
            NativeSql.on(em, CASE_FACT).query("""
                    UPDATE case_fact SET repeat_links = repeat_links + 1,
                        same_caller_links = same_caller_links + CASE WHEN ?2 THEN 1 ELSE 0 END WHERE case_id = ?1""")
                    .setParameter(1, k.caseId()).setParameter(2, k.reason() == Enums.LinkReason.SAME_CALLER)
                    .executeUpdate();
            risks.afterRepeat(k.caseId(), k.receivedAt());
        } else if (event.is(EventCatalog.RISK_FLAGGED)) {
            RiskFlagged f = event.data(EventCatalog.RISK_FLAGGED);
            requireCase(f.caseId(), event);
            risks.afterRiskFlagged(f);
        } else if (event.is(EventCatalog.CALLER_FLAGGED)) {
            CallerFlagged f = event.data(EventCatalog.CALLER_FLAGGED);
            if (f.callerHash() == null || f.caseIds() == null) {
                return;
            }
            risks.lockCases(f.caseIds());
            for (String caseId : f.caseIds()) {
                NativeSql.on(em, "caller_case").query(
                        "INSERT INTO caller_case (caller_hash, case_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                        .setParameter(1, f.callerHash()).setParameter(2, caseId).executeUpdate();
            }
            risks.checkCaller(f.callerHash(), event.time());
        }
    }

    void dispatch(IncomingEvent event) {
        if (event.is(EventCatalog.CASE_DISPATCHED)) {
            CaseDispatched d = event.data(EventCatalog.CASE_DISPATCHED);
            requireCase(d.caseId(), event);
            ensureRow(d.caseId());
            // the dispatch event also fills what intake's event would have given, if that one comes later
            NativeSql.on(em, CASE_FACT).query("""
                    UPDATE case_fact SET dispatched_at = COALESCE(dispatched_at, ?2), unit_code = ?3,
                        appeal_type = COALESCE(appeal_type, ?4), category_code = COALESCE(category_code, ?5),
                        district_code = COALESCE(district_code, ?6), street_code = COALESCE(street_code, ?7),
                        urgency = COALESCE(urgency, ?8) WHERE case_id = ?1""")
                    .setParameter(1, d.caseId()).setParameter(2, d.dispatchedAt()).setParameter(3, d.unitCode())
                    .setParameter(4, name(d.type())).setParameter(5, d.categoryCode()).setParameter(6, d.districtCode())
                    .setParameter(7, d.streetCode()).setParameter(8, name(d.urgency())).executeUpdate();
        } else if (event.is(EventCatalog.CASE_REDISPATCHED)) {
            CaseRedispatched r = event.data(EventCatalog.CASE_REDISPATCHED);
            ensureRow(r.caseId());
            NativeSql.on(em, CASE_FACT).query(
                    "UPDATE case_fact SET unit_code = ?2, signed_at = NULL WHERE case_id = ?1")
                    .setParameter(1, r.caseId()).setParameter(2, r.toUnitCode()).executeUpdate();
        } else if (event.is(EventCatalog.CASE_SIGNED_FOR)) {
            WorkOrderSignedFor s = event.data(EventCatalog.CASE_SIGNED_FOR);
            ensureRow(s.caseId());
            NativeSql.on(em, CASE_FACT).query(
                    "UPDATE case_fact SET signed_at = COALESCE(signed_at, ?2) WHERE case_id = ?1")
                    .setParameter(1, s.caseId()).setParameter(2, s.signedAt()).executeUpdate();
        } else if (event.is(EventCatalog.CASE_COMPLETED)) {
            CaseCompleted c = event.data(EventCatalog.CASE_COMPLETED);
            completed(c.caseId(), c.completedAt(), name(c.outcome()));
        } else if (event.is(EventCatalog.CASE_COMPLETED_V2)) {
            CaseCompletedV2 c = event.data(EventCatalog.CASE_COMPLETED_V2);
            if (c.round() <= 1) { // as evaluation: the first handling's completion is the one that counts
                completed(c.caseId(), c.completedAt(), name(c.outcome()));
            }
        }
    }

    private void completed(String caseId, Instant at, String outcome) {
        ensureRow(caseId);
        NativeSql.on(em, CASE_FACT).query(
                "UPDATE case_fact SET completed_at = ?2, outcome = ?3 WHERE case_id = ?1")
                .setParameter(1, caseId).setParameter(2, at).setParameter(3, outcome).executeUpdate();
    }

    void evaluation(IncomingEvent event) {
        if (event.is(EventCatalog.VISIT_RECORDED)) {
            VisitRecorded v = event.data(EventCatalog.VISIT_RECORDED);
            requireCase(v.caseId(), event);
            if (v.satisfaction() == Enums.Satisfaction.DISSATISFIED) {
                risks.lockCases(List.of(v.caseId()));
            }
            ensureRow(v.caseId());
            NativeSql.on(em, CASE_FACT).query("""
                    UPDATE case_fact SET visited_at = ?2, reached = ?3, resolution = ?4, satisfaction = ?5
                    WHERE case_id = ?1""")
                    .setParameter(1, v.caseId()).setParameter(2, v.visitedAt()).setParameter(3, v.reached())
                    .setParameter(4, name(v.resolution())).setParameter(5, name(v.satisfaction())).executeUpdate();
            if (v.satisfaction() == Enums.Satisfaction.DISSATISFIED) {
                risks.afterDissatisfiedVisit(v.caseId(), event.time());
            }
        } else if (event.is(EventCatalog.OBJECTION_DECIDED)) {
            ObjectionDecided o = event.data(EventCatalog.OBJECTION_DECIDED);
            if (o.decision() == Enums.ObjectionDecision.ACCEPTED) {
                ensureRow(o.caseId());
                NativeSql.on(em, CASE_FACT).query(
                        "UPDATE case_fact SET excluded = true WHERE case_id = ?1")
                        .setParameter(1, o.caseId()).executeUpdate();
            }
        }
    }

    void results(IncomingEvent event) throws Exception {
        if (event.is(EventCatalog.SCORES_PUBLISHED)) {
            ScoresPublished s = event.data(EventCatalog.SCORES_PUBLISHED);
            NativeSql.on(em, "published_scores").query("""
                    INSERT INTO published_scores (period, revision, published_at, payload) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (period) DO UPDATE SET revision = EXCLUDED.revision,
                        published_at = EXCLUDED.published_at, payload = EXCLUDED.payload
                    WHERE published_scores.revision <= EXCLUDED.revision""")
                    .setParameter(1, s.period()).setParameter(2, s.revision()).setParameter(3, s.publishedAt())
                    .setParameter(4, Json.mapper().writeValueAsString(s)).executeUpdate();
        } else if (event.is(EventCatalog.SCHEME_PUBLISHED)) {
            // evaluation's credits: the only way this service rates visits (see V5__published_rate_credits.sql)
            SchemePublished s = event.data(EventCatalog.SCHEME_PUBLISHED);
            if (s.version() == null || s.effectiveFrom() == null || s.resolutionCredits() == null
                    || s.satisfactionCredits() == null) {
                throw new io.jiesu.platform.consumer.PoisonMessageException("scheme-published without version, "
                        + "effectiveFrom or credits");
            }
            NativeSql.on(em, "rate_scheme").query("""
                    INSERT INTO rate_scheme (version, effective_from, resolution_credits, satisfaction_credits,
                        outcome_caps, description, published_at)
                    VALUES (?1, ?2, CAST(?3 AS jsonb), CAST(?4 AS jsonb), CAST(?5 AS jsonb), ?6, ?7)
                    ON CONFLICT (version) DO UPDATE SET effective_from = EXCLUDED.effective_from,
                        resolution_credits = EXCLUDED.resolution_credits,
                        satisfaction_credits = EXCLUDED.satisfaction_credits, outcome_caps = EXCLUDED.outcome_caps,
                        description = EXCLUDED.description, published_at = EXCLUDED.published_at""")
                    .setParameter(1, s.version()).setParameter(2, s.effectiveFrom())
                    .setParameter(3, Json.mapper().writeValueAsString(s.resolutionCredits()))
                    .setParameter(4, Json.mapper().writeValueAsString(s.satisfactionCredits()))
                    .setParameter(5, Json.mapper().writeValueAsString(
                            s.outcomeCaps() == null ? java.util.Map.of() : s.outcomeCaps()))
                    .setParameter(6, s.description())
                    .setParameter(7, s.publishedAt() != null ? s.publishedAt() : event.time()).executeUpdate();
        } else if (event.is(EventCatalog.GOVERNANCE_LIST_PUBLISHED)) {
            GovernanceListPublished g = event.data(EventCatalog.GOVERNANCE_LIST_PUBLISHED);
            NativeSql.on(em, "published_governance_list").query("""
                    INSERT INTO published_governance_list (period, revision, published_at, unit_codes) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (period) DO UPDATE SET revision = EXCLUDED.revision,
                        published_at = EXCLUDED.published_at, unit_codes = EXCLUDED.unit_codes
                    WHERE published_governance_list.revision <= EXCLUDED.revision""")
                    .setParameter(1, g.period()).setParameter(2, g.revision()).setParameter(3, g.publishedAt())
                    .setParameter(4, String.join(",", g.unitCodes() == null ? java.util.List.of() : g.unitCodes()))
                    .executeUpdate();
        }
    }

    private void ensureRow(String caseId) {
        if (caseId == null || caseId.isBlank()) {
            throw new io.jiesu.platform.consumer.PoisonMessageException("event data names no caseId");
        }
        NativeSql.on(em, CASE_FACT).query(
                "INSERT INTO case_fact (case_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, caseId).executeUpdate();
    }

    private static void requireCase(String caseId, IncomingEvent event) {
        if (caseId == null || caseId.isBlank()) {
            throw new io.jiesu.platform.consumer.PoisonMessageException(event.type() + " " + event.id() + " names no caseId");
        }
    }

    public static LocalDate day(Instant at) {
        return at == null ? null : at.atZone(BEIJING).toLocalDate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
