package io.jiesu.dispatch.risk;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 风险预警: intake found risk words in an appeal ({@code jiesu.intake.risk-flagged.v1}); the district's supervisors
 * ({@code D<districtCode>}, as escalations reach them) and the hotline centre ({@code CITY}) get an inbox notice RISK
 * on their own inbox topics, which their desks and systems read. The work order, when it exists (a new case's order is
 * made from its case.received just before, on the same partition), keeps it in its history. The order's limits are
 * already the shortest: intake made the case URGENT.
 */
@ApplicationScoped
public class RiskNotices {
    private static final Logger LOG = Logger.getLogger(RiskNotices.class);
    /** The hotline centre (12345), which supervises every district. */
    static final String HOTLINE_UNIT = "CITY";

    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    io.jiesu.dispatch.workorder.PollLookups lookups;

    /** The supervisor units told of a risk in {@code districtCode}: the district's, when known, and the hotline's. */
    public static List<String> supervisorsOf(String districtCode) {
        List<String> units = new ArrayList<>();
        String district = "D" + districtCode;
        if (districtCode != null && ReferenceData.get().unit(district).isPresent()) {
            units.add(district);
        }
        units.add(HOTLINE_UNIT);
        return units;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRiskFlagged(RiskFlagged flagged) {
        Instant now = Instant.now();
        String words = flagged.words() == null ? "" : flagged.words().stream()
                .map(w -> w.word() + " (" + w.kind() + ")").collect(Collectors.joining(", "));
        WorkOrder order = lookups.find(flagged.caseId());
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "appealId", flagged.appealId());
        put(details, "words", words);
        put(details, "kinds", flagged.words() == null ? null : flagged.words().stream()
                .map(RiskFlagged.RiskWordMatch::kind).distinct().collect(Collectors.joining(",")));
        put(details, "districtCode", flagged.districtCode());
        put(details, "streetCode", flagged.streetCode());
        put(details, "categoryCode", flagged.categoryCode());
        if (order != null) {
            put(details, "leadUnitCode", order.unitCode);
            put(details, "completionDeadline", order.completionDeadline == null ? null
                    : order.completionDeadline.toString());
        }
        boolean repeat = flagged.appealId() != null && !flagged.appealId().equals(flagged.caseId());
        String message = "风险预警: " + (repeat ? "repeat appeal " + flagged.appealId() + " about case " : "case ")
                + flagged.caseId() + " holds risk words " + words
                + (order != null && order.unitCode != null ? "; handled by " + order.unitCode : "")
                + ". Urgent: check that the citizen is safe.";
        List<String> supervisors = supervisorsOf(flagged.districtCode());
        for (String unit : supervisors) {
            outbox.publishToUnit(EventCatalog.INBOX_NOTICE, unit, flagged.caseId(), now,
                    new InboxNotice(flagged.caseId(), unit, Enums.NoticeKind.RISK, now, message, details));
        }
        if (order != null) {
            history.record(flagged.caseId(), now, "RISK_FLAGGED", order.unitCode, "intake",
                    words + (repeat ? " in repeat appeal " + flagged.appealId() : "") + "; told "
                            + String.join(", ", supervisors));
        }
        LOG.infof("case %s: risk words %s, told %s", flagged.caseId(), words, supervisors);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
