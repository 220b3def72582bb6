package io.jiesu.evaluation.casefile;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseAnsweredDirectly;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.ExtensionDecided;
import io.jiesu.contract.event.WorkOrderOverdue;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.evaluation.scheme.EvaluationScheme;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.CitizenContacted;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ReturnDecided;
import io.jiesu.contract.event.WhistleAttendance;
import io.jiesu.platform.consumer.IdempotentBatchConsumer;
import io.jiesu.platform.consumer.IncomingEvent;
import io.jiesu.platform.persistence.NativeSql;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Builds evaluation's own file of every case from the events of intake, dispatch and whistle — the only input of
 * the scores. Each event is applied once (ce_id), so replaying a topic or a redelivery changes nothing.
 */
@ApplicationScoped
public class CaseFileConsumer {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    IdempotentBatchConsumer consumer;
    @Inject
    EntityManager em;

    @Incoming("case-intake")
    @Blocking
    public void onIntake(ConsumerRecords<String, String> records) {
        consumer.consumeEach("evaluation-case-file", records, this::apply);
    }

    @Incoming("case-dispatch")
    @Blocking
    public void onDispatch(ConsumerRecords<String, String> records) {
        consumer.consumeEach("evaluation-case-file", records, this::apply);
    }

    @Incoming("case-whistle")
    @Blocking
    public void onWhistle(ConsumerRecords<String, String> records) {
        consumer.consumeEach("evaluation-case-file", records, this::apply);
    }

    public static String periodOf(Instant at) {
        return YearMonth.from(at.atZone(BEIJING)).toString();
    }

    void apply(IncomingEvent event) {
        if (event.is(EventCatalog.CASE_RECEIVED)) {
            CaseReceived r = event.data(EventCatalog.CASE_RECEIVED);
            upsert(r.caseId(), "appeal_type = ?2, category_code = ?3, district_code = ?4, street_code = ?5, "
                    + "received_at = ?6", r.type().name(), r.categoryCode(), r.location().districtCode(),
                    r.location().streetCode(), r.receivedAt());
        } else if (event.is(EventCatalog.CASE_ANSWERED_DIRECTLY)) {
            CaseAnsweredDirectly a = event.data(EventCatalog.CASE_ANSWERED_DIRECTLY);
            upsert(a.caseId(), "appeal_type = 'CONSULTATION', category_code = ?2, district_code = ?3, "
                    + "street_code = ?4, received_at = ?5, answered_directly = true, completed_at = ?6, "
                    + "outcome = 'ANSWERED_DIRECTLY', period = ?7", a.categoryCode(), a.location().districtCode(),
                    a.location().streetCode(), a.receivedAt(), a.answeredAt(), periodOf(a.answeredAt()));
        } else if (event.is(EventCatalog.CASE_DISPATCHED)) {
            CaseDispatched d = event.data(EventCatalog.CASE_DISPATCHED);
            upsert(d.caseId(), "unit_code = ?2, contact_deadline = ?3, category_code = coalesce(category_code, ?4), "
                    + "district_code = coalesce(district_code, ?5), street_code = coalesce(street_code, ?6), "
                    + "appeal_type = coalesce(appeal_type, ?7), completion_deadline = ?8, sign_for_deadline = ?9",
                    d.unitCode(), d.contactDeadline(), d.categoryCode(), d.districtCode(), d.streetCode(),
                    d.type().name(), d.completionDeadline(), d.signForDeadline());
            countingMonth(d.caseId());
        } else if (event.is(EventCatalog.CASE_REDISPATCHED)) {
            CaseRedispatched r = event.data(EventCatalog.CASE_REDISPATCHED);
            upsert(r.caseId(), "unit_code = ?2, contact_deadline = ?3, contacted_at = NULL, contacted_late = NULL, "
                    + "signed_at = NULL, signed_late = NULL, completion_deadline = coalesce(?4, completion_deadline), "
                    + "sign_for_deadline = ?5", r.toUnitCode(), r.contactDeadline(), r.completionDeadline(),
                    r.signForDeadline());
            countingMonth(r.caseId());
        } else if (event.is(EventCatalog.CASE_RETURN_DECIDED)) {
            ReturnDecided r = event.data(EventCatalog.CASE_RETURN_DECIDED);
            if (r.decision() == Enums.Decision.APPROVED && r.newUnitCode() != null) {
                upsert(r.caseId(), "unit_code = ?2, contacted_at = NULL, contacted_late = NULL, signed_at = NULL, "
                        + "signed_late = NULL", r.newUnitCode());
            }
        } else if (event.is(EventCatalog.CASE_EXTENSION_DECIDED)) {
            ExtensionDecided x = event.data(EventCatalog.CASE_EXTENSION_DECIDED);
            if (x.decision() == Enums.Decision.APPROVED && x.completionDeadline() != null) {
                upsert(x.caseId(), "completion_deadline = ?2", x.completionDeadline());
                countingMonth(x.caseId());
            }
        } else if (event.is(EventCatalog.CASE_SIGNED_FOR)) {
            WorkOrderSignedFor f = event.data(EventCatalog.CASE_SIGNED_FOR);
            upsert(f.caseId(), "signed_at = coalesce(signed_at, ?2), signed_late = coalesce(signed_late, ?3)",
                    f.signedAt(), f.late());
        } else if (event.is(EventCatalog.CASE_OVERDUE)) {
            WorkOrderOverdue o = event.data(EventCatalog.CASE_OVERDUE);
            if (o.deadlineKind() != Enums.DeadlineKind.REPORT_IN && o.unitCode() != null) {
                Instant at = o.overdueAt() != null ? o.overdueAt() : event.time();
                NativeSql.on(em, "overdue_mark").query("""
                        INSERT INTO overdue_mark (case_id, deadline_kind, deadline, unit_code, overdue_at, period)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING""")
                        .setParameter(1, o.caseId()).setParameter(2, o.deadlineKind().name())
                        .setParameter(3, o.deadline() != null ? o.deadline() : at).setParameter(4, o.unitCode())
                        .setParameter(5, at).setParameter(6, periodOf(at)).executeUpdate();
            }
        } else if (event.is(EventCatalog.CASE_CONTACTED)) {
            CitizenContacted c = event.data(EventCatalog.CASE_CONTACTED);
            upsert(c.caseId(), "contacted_at = coalesce(contacted_at, ?2), contacted_late = coalesce(contacted_late, ?3)",
                    c.contactedAt(), c.late());
        } else if (event.is(EventCatalog.CASE_COMPLETED)) {
            CaseCompleted c = event.data(EventCatalog.CASE_COMPLETED);
            completed(c.caseId(), c.unitCode(), c.completedAt(), c.outcome().name(), 1);
        } else if (event.is(EventCatalog.CASE_COMPLETED_V2)) {
            CaseCompletedV2 c = event.data(EventCatalog.CASE_COMPLETED_V2);
            completed(c.caseId(), c.unitCode(), c.completedAt(), c.outcome().name(), Math.max(1, c.round()));
        } else if (event.is(EventCatalog.WHISTLE_ATTENDANCE)) {
            WhistleAttendance a = event.data(EventCatalog.WHISTLE_ATTENDANCE);
            NativeSql.on(em, "whistle_attendance").query("""
                    INSERT INTO whistle_attendance (period, unit_code, received, in_time, late, missed, updated_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    ON CONFLICT (period, unit_code) DO UPDATE SET received = EXCLUDED.received,
                        in_time = EXCLUDED.in_time, late = EXCLUDED.late, missed = EXCLUDED.missed,
                        updated_at = EXCLUDED.updated_at WHERE whistle_attendance.updated_at <= EXCLUDED.updated_at""")
                    .setParameter(1, a.period()).setParameter(2, a.unitCode()).setParameter(3, a.received())
                    .setParameter(4, a.reportedInTime()).setParameter(5, a.late()).setParameter(6, a.missed())
                    .setParameter(7, a.computedAt()).executeUpdate();
        }
    }

    /**
     * A completion of round {@code round}. Round 1 is what counts for the rates (completion time, unit, outcome); every
     * round puts the case (back) in the visit queue, due [visit due hours] of the scheme after the completion.
     */
    private void completed(String caseId, String unit, Instant at, String outcome, int round) {
        if (round == 1) {
            upsert(caseId, "completed_at = ?2, completion_unit = ?3, outcome = ?4", at, unit, outcome);
        } else {
            upsert(caseId, "completed_at = coalesce(completed_at, ?2), completion_unit = coalesce(completion_unit, ?3), "
                    + "outcome = coalesce(outcome, ?4)", at, unit, outcome);
        }
        Duration due = EvaluationScheme.forPeriod(periodOf(at)).map(s -> s.rules().visitDue())
                .orElse(Duration.ofHours(72));
        NativeSql.on(em, "eval_case").query("""
                UPDATE eval_case SET round = ?2, round_completed_at = ?3, round_unit = ?4, visit_attempts = 0,
                    visit_status = CASE WHEN answered_directly THEN NULL ELSE ?5 END, visit_due_at = ?6
                WHERE case_id = ?1 AND (round < ?2 OR round_completed_at IS NULL)""")
                .setParameter(1, caseId).setParameter(2, round).setParameter(3, at).setParameter(4, unit)
                .setParameter(5, VisitStatus.AWAITING.name()).setParameter(6, at.plus(due)).executeUpdate();
        countingMonth(caseId);
    }

    /**
     * A case counts in the month its completion deadline falls or it was (first) completed, whichever comes first
     * (Beijing time), so leaving a case open past its deadline cannot move it out of the month.
     */
    private void countingMonth(String caseId) {
        NativeSql.on(em, "eval_case").query("""
                UPDATE eval_case SET period = to_char(least(completion_deadline, completed_at) AT TIME ZONE 'Asia/Shanghai',
                    'YYYY-MM') WHERE case_id = ?1 AND NOT answered_directly""").setParameter(1, caseId).executeUpdate();
    }

    /** Creates the case row if needed, then sets the columns ({@code ?1} is the case id). */
    private void upsert(String caseId, String assignments, Object... values) {
        NativeSql.on(em, "eval_case").query("INSERT INTO eval_case (case_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, caseId).executeUpdate();
        var query = NativeSql.on(em, "eval_case").query("UPDATE eval_case SET " + assignments + " WHERE case_id = ?1")
                .setParameter(1, caseId);
        for (int i = 0; i < values.length; i++) {
            query.setParameter(i + 2, values[i]);
        }
        query.executeUpdate();
    }
}
