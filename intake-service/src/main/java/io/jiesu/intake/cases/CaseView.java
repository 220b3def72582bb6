package io.jiesu.intake.cases;

import io.jiesu.contract.event.Attachment;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Location;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/cases/{caseId}}: one case with its status and timeline. {@code locationToConfirm}: 地点待确认 —
 * intake could not resolve the street/town from the location the citizen gave (it went to the manual-dispatch queue).
 */
public record CaseView(String caseId, String externalId, String status, String channel, Instant receivedAt,
        String type, String categoryCode, String categorySource, String urgency, String urgencySource,
        Citizen citizen, Location location, String content, List<Attachment> attachments, String unitCode,
        String linkedCaseId, boolean flagged, List<TimelineEntry> timeline, boolean locationToConfirm) {

    public CaseView withCitizen(Citizen other) {
        return new CaseView(caseId, externalId, status, channel, receivedAt, type, categoryCode, categorySource,
                urgency, urgencySource, other, location, content, attachments, unitCode, linkedCaseId, flagged,
                timeline, locationToConfirm);
    }

    public record TimelineEntry(Instant at, String kind, String summary, String unitCode) {
    }
}
