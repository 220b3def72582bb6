package io.jiesu.whistle.whistle;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.DepartmentReportedIn;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.WhistleBlown;
import io.jiesu.contract.event.WhistleClosed;
import io.jiesu.contract.event.WhistleSummons;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.whistle.escalation.Escalation;
import io.jiesu.whistle.lead.CaseLeads;
import io.jiesu.whistle.policy.ReportInPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 街乡吹哨、部门报到: a street/town that leads a case (or a problem in its own area) summons departments; each reports
 * in within the policy's limit; the lead closes with the joint outcome. Every step commits with its events (outbox)
 * and its deadlines (durable timers).
 */
@ApplicationScoped
public class WhistleService {
    private static final Logger LOG = Logger.getLogger(WhistleService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    DurableTimers timers;
    @Inject
    CaseLeads leads;

    private final ReferenceData reference = ReferenceData.get();

    @Transactional
    public Whistle blow(String callerUnit, WhistleRequests.Blow request) {
        Unit lead = reference.unit(callerUnit).orElseThrow(() -> ProblemException.forbidden(
                "unit " + callerUnit + " is not a known unit"));
        if (!lead.kind().isStreetOrTown()) {
            throw ProblemException.forbidden("only a street or town blows the whistle; " + callerUnit + " is a "
                    + lead.kind());
        }
        if (request.caseId() != null) {
            String caseLead = leads.leadOf(request.caseId()).orElseThrow(() -> ProblemException.forbidden(
                    "only the lead unit of case " + request.caseId() + " may whistle on it"));
            if (!caseLead.equals(callerUnit)) {
                throw ProblemException.forbidden("only the lead unit of case " + request.caseId()
                        + " may whistle on it");
            }
        } else if (!request.location().streetCode().equals(callerUnit)) {
            throw new ProblemException(422, "Invalid whistle", "location.streetCode: without a case a street/town "
                    + "whistles only on its own area (" + callerUnit + ")");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!reference.isStreetOfDistrict(request.location().streetCode(), request.location().districtCode())) {
            errors.add(new Problem.FieldError("location.streetCode", "'" + request.location().streetCode()
                    + "' is not a street/town of district '" + request.location().districtCode() + "'"));
        }
        Set<String> summoned = new LinkedHashSet<>(request.summonedUnitCodes());
        for (String code : summoned) {
            var unit = reference.unit(code);
            if (code.equals(callerUnit)) {
                errors.add(new Problem.FieldError("summonedUnitCodes", "a street/town may not summon itself"));
            } else if (unit.isEmpty()) {
                errors.add(new Problem.FieldError("summonedUnitCodes", "unknown unit '" + code
                        + "'; departments and enterprises are listed in the reference data"));
            } else if (unit.get().kind() != UnitKind.DEPARTMENT && unit.get().kind() != UnitKind.ENTERPRISE) {
                errors.add(new Problem.FieldError("summonedUnitCodes", code + " is a " + unit.get().kind()
                        + "; a whistle summons departments and public-service enterprises"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Invalid whistle", errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("")).with("errors", errors);
        }

        Instant now = Instant.now();
        ReportInPolicy policy = ReportInPolicy.findById(request.urgency().name());
        Whistle w = new Whistle();
        Number n = (Number) NativeSql.withoutTables(em, "SELECT nextval('whistle_number_seq')").getSingleResult();
        w.whistleId = "W" + DAY.format(now) + String.format("%06d", n.longValue());
        w.caseId = request.caseId();
        w.leadUnitCode = callerUnit;
        w.matter = request.matter();
        w.reason = request.reason();
        w.districtCode = request.location().districtCode();
        w.streetCode = request.location().streetCode();
        w.address = request.location().address();
        w.urgency = request.urgency().name();
        w.status = Whistle.Status.OPEN.name();
        w.blownAt = now;
        w.reportDeadline = now.plus(policy.reportIn());
        w.persist();
        Location location = new Location(w.districtCode, w.streetCode, null, w.address, null, null);
        for (String code : summoned) {
            Summons s = new Summons();
            s.whistleId = w.whistleId;
            s.unitCode = code;
            s.summonedAt = now;
            s.reportDeadline = w.reportDeadline;
            s.persist();
            outbox.publishToUnit(EventCatalog.INBOX_SUMMONS, code, w.eventKey(), now, new WhistleSummons(
                    w.whistleId, w.caseId, callerUnit, code, w.matter, w.reason, location, request.urgency(), now,
                    w.reportDeadline));
        }
        outbox.publish(EventCatalog.WHISTLE_BLOWN, w.eventKey(), now, new WhistleBlown(w.whistleId, w.caseId,
                callerUnit, List.copyOf(summoned), w.matter, w.reason, location, request.urgency(), now,
                w.reportDeadline));
        timers.schedule(Escalation.GROUP, w.whistleId, Escalation.REPORT_IN, w.reportDeadline, null);
        LOG.infof("whistle %s blown by %s on %s, summoning %s (report in by %s)", w.whistleId, callerUnit,
                w.caseId != null ? "case " + w.caseId : "its own area", summoned, w.reportDeadline);
        return w;
    }

    @Transactional
    public Summons reportIn(String whistleId, String callerUnit, WhistleRequests.Report report) {
        Whistle w = em.find(Whistle.class, whistleId, LockModeType.PESSIMISTIC_WRITE);
        Summons s = w == null ? null : Summons.findById(key(whistleId, callerUnit));
        if (s == null) {
            // not summoned (or no such whistle): the caller learns nothing more
            throw ProblemException.forbidden("unit " + callerUnit + " is not summoned by whistle " + whistleId);
        }
        if (Whistle.Status.CLOSED.name().equals(w.status)) {
            throw ProblemException.conflict("whistle " + whistleId + " is closed").with("currentState", w.status);
        }
        if (s.reported()) {
            throw ProblemException.conflict(callerUnit + " already reported in at " + s.reportedAt)
                    .with("currentState", "REPORTED_IN");
        }
        Instant now = Instant.now();
        s.reportedAt = now;
        s.responsiblePerson = report.responsiblePerson();
        s.commitment = report.commitment();
        s.late = now.isAfter(s.reportDeadline);
        outbox.publish(EventCatalog.WHISTLE_REPORTED_IN, w.eventKey(), now, new DepartmentReportedIn(whistleId,
                w.caseId, callerUnit, now, report.responsiblePerson(), report.commitment(), s.late));
        if (Summons.of(whistleId).stream().allMatch(Summons::reported)) {
            timers.cancel(Escalation.GROUP, whistleId, ""); // everyone is here: nothing left to escalate
        }
        LOG.infof("whistle %s: %s reported in%s", whistleId, callerUnit, s.late ? " late" : "");
        return s;
    }

    @Transactional
    public Whistle close(String whistleId, String callerUnit, WhistleRequests.Close close) {
        Whistle w = em.find(Whistle.class, whistleId, LockModeType.PESSIMISTIC_WRITE);
        if (w == null || !w.leadUnitCode.equals(callerUnit)) {
            throw ProblemException.forbidden("only the lead unit closes whistle " + whistleId);
        }
        if (Whistle.Status.CLOSED.name().equals(w.status)) {
            throw ProblemException.conflict("whistle " + whistleId + " is already closed")
                    .with("currentState", w.status);
        }
        Instant now = Instant.now();
        w.status = Whistle.Status.CLOSED.name();
        w.closedAt = now;
        w.outcome = close.outcome();
        timers.cancel(Escalation.GROUP, whistleId, "");
        outbox.publish(EventCatalog.WHISTLE_CLOSED, w.eventKey(), now, new WhistleClosed(whistleId, w.caseId,
                w.leadUnitCode, close.outcome(), now));
        LOG.infof("whistle %s closed by %s", whistleId, callerUnit);
        return w;
    }

    static Summons.Key key(String whistleId, String unitCode) {
        Summons.Key k = new Summons.Key();
        k.whistleId = whistleId;
        k.unitCode = unitCode;
        return k;
    }
}
