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
 * {@link #results}), which are the batch handlers over one event: the read model's column rules are written once, in
 * {@link CaseFacts}.
 * Personal data (citizen, address, content) is never stored (risk words come from intake's risk-flagged event). The
 * only caller reference is intake's keyed pseudonym ({@code case.received}'s {@code callerHash},
 * {@code caller-flagged}), kept for the repeated-dissatisfaction window (see {@link io.jiesu.analytics.insight.CallerHashRetention}).
 */
@ApplicationScoped
public class CaseEventConsumer {
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
     * A poll of case.intake set-based: its appeals, direct answers and repeat links folded per case and written with
     * two statements ({@link CaseFacts}); then the hotspot rule once per street/town × category × day and the
     * collective-complaint rule once per street/town × category, both on the stored result, so the outcome does not
     * depend on how the appeals were grouped into polls or in which order the poll's partitions came. The rules of
     * single cases (callers, repeats, risk words) follow in the events' order.
     */
    void intakeBatch(List<IncomingEvent> events) {
        CaseFacts facts = new CaseFacts();
        List<RiskDetector.Appeal> appeals = new ArrayList<>();
        java.util.Map<HotspotDetector.PlaceDay, Instant> days = new java.util.LinkedHashMap<>();
        List<Runnable> after = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (event.is(EventCatalog.CASE_RECEIVED)) {
                CaseReceived r = event.data(EventCatalog.CASE_RECEIVED);
                requireCase(r.caseId(), event);
                Location l = r.location();
                String district = l == null ? null : l.districtCode();
                String street = l == null ? null : l.streetCode();
                String caller = blankToNull(r.callerHash());
                facts.of(r.caseId()).received(r.receivedAt(), name(r.channel()), name(r.type()), r.categoryCode(),
                        district, street, name(r.urgency()), caller);
                appeals.add(new RiskDetector.Appeal(r.caseId(), r.type(), r.categoryCode(), l, r.receivedAt()));
                days.merge(new HotspotDetector.PlaceDay(r.categoryCode(), district, street, day(r.receivedAt()), null),
                        event.time(), (x, y) -> x.isAfter(y) ? x : y);
                // the return visit may have come first (another topic): then this is when the caller becomes known
                after.add(() -> risks.afterCallerKnown(r.caseId(), caller, event.time()));
            } else if (event.is(EventCatalog.CASE_ANSWERED_DIRECTLY)) {
                CaseAnsweredDirectly a = event.data(EventCatalog.CASE_ANSWERED_DIRECTLY);
                requireCase(a.caseId(), event);
                Location l = a.location();
                facts.of(a.caseId()).answeredDirectly(a.receivedAt(), name(a.channel()), a.categoryCode(),
                        l == null ? null : l.districtCode(), l == null ? null : l.streetCode(), a.answeredAt());
            } else if (event.is(EventCatalog.CASE_LINKED)) {
                CaseLinked k = event.data(EventCatalog.CASE_LINKED);
                requireCase(k.caseId(), event);
                facts.of(k.caseId()).linked(k.reason() == Enums.LinkReason.SAME_CALLER);
                after.add(() -> risks.afterRepeat(k.caseId(), k.receivedAt()));
            } else if (event.is(EventCatalog.RISK_FLAGGED)) {
                RiskFlagged f = event.data(EventCatalog.RISK_FLAGGED);
                requireCase(f.caseId(), event);
                after.add(() -> risks.afterRiskFlagged(f));
            } else if (event.is(EventCatalog.CALLER_FLAGGED)) {
                CallerFlagged f = event.data(EventCatalog.CALLER_FLAGGED);
                if (f.callerHash() != null && f.caseIds() != null) {
                    after.add(() -> callerFlagged(f, event.time()));
                }
            }
        }
        facts.writeIntake(em);
        hotspots.evaluate(days.entrySet().stream().map(e -> new HotspotDetector.PlaceDay(e.getKey().category(),
                e.getKey().district(), e.getKey().street(), e.getKey().day(), e.getValue())).toList());
        risks.afterAppeals(appeals);
        after.forEach(Runnable::run);
    }

    private void callerFlagged(CallerFlagged f, Instant at) {
        risks.lockCases(f.caseIds());
        for (String caseId : f.caseIds()) {
            NativeSql.on(em, "caller_case").query(
                    "INSERT INTO caller_case (caller_hash, case_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, f.callerHash()).setParameter(2, caseId).executeUpdate();
        }
        risks.checkCaller(f.callerHash(), at);
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

    /** One event of a split batch: the batch path over that event alone (the column rules live in {@link CaseFacts}). */
    void intake(IncomingEvent event) {
        intakeBatch(List.of(event));
    }

    void dispatch(IncomingEvent event) {
        dispatchBatch(List.of(event));
    }

    void evaluation(IncomingEvent event) {
        evaluationBatch(List.of(event));
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
