package io.jiesu.whistle.escalation;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.WhistleEscalated;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.timer.DueTimer;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.timer.TimerHandler;
import io.jiesu.whistle.policy.ReportInPolicy;
import io.jiesu.whistle.whistle.Summons;
import io.jiesu.whistle.whistle.Whistle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * No-shows are escalated: when the report-in deadline passes with departments missing, the district is told
 * (event and inbox notice) and given its own deadline; if that passes with departments still missing, the city.
 * Each step is a durable timer fired exactly once (see the platform's TimerPoller), so neither a second instance
 * nor a restart escalates twice.
 */
@ApplicationScoped
public class Escalation implements TimerHandler {
    private static final Logger LOG = Logger.getLogger(Escalation.class);
    public static final String GROUP = "whistle.escalation";
    public static final String REPORT_IN = "REPORT_IN";
    public static final String DISTRICT = "DISTRICT";
    /** The city-level unit (the 12345 centre) in the reference data. */
    static final String CITY_UNIT = "CITY";

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    DurableTimers timers;

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public void fire(DueTimer timer) {
        Whistle w = em.find(Whistle.class, timer.subject(), LockModeType.PESSIMISTIC_WRITE,
                NO_WAIT);
        if (w == null || Whistle.Status.CLOSED.name().equals(w.status)) {
            return;
        }
        List<String> missing = Summons.of(w.whistleId).stream().filter(s -> !s.reported()).map(s -> s.unitCode)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        if (REPORT_IN.equals(timer.name())) {
            ReportInPolicy policy = ReportInPolicy.findById(w.urgency);
            Instant next = now.plus(policy.districtEscalation());
            escalate(w, Enums.EscalationLevel.DISTRICT, "D" + w.districtCode, missing, now, next);
            timers.schedule(GROUP, w.whistleId, DISTRICT, next, null);
        } else if (DISTRICT.equals(timer.name())) {
            escalate(w, Enums.EscalationLevel.CITY, CITY_UNIT, missing, now, null);
        }
    }

    private void escalate(Whistle w, Enums.EscalationLevel level, String to, List<String> missing, Instant now,
            Instant next) {
        w.escalationLevel = level.name();
        outbox.publish(EventCatalog.WHISTLE_ESCALATED, w.eventKey(), now, new WhistleEscalated(w.whistleId,
                w.caseId, level, to, missing, now, next));
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, to, w.eventKey(), now, new InboxNotice(w.caseId, to,
                Enums.NoticeKind.ESCALATION, now, "Whistle " + w.whistleId + " of " + w.leadUnitCode
                + ": no report-in from " + String.join(", ", missing),
                Map.of("whistleId", w.whistleId, "level", level.name(), "missing", String.join(",", missing))));
        LOG.warnf("whistle %s escalated to %s (%s): missing %s", w.whistleId, to, level, missing);
    }
}
