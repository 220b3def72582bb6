package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.case.received.v1}: intake accepted an appeal that needs handling; dispatch routes it. */
public record CaseReceived(String caseId, String externalId, Enums.Channel channel, Instant receivedAt,
        Enums.AppealType type, String categoryCode, Enums.ValueSource categorySource, Enums.Urgency urgency,
        Enums.ValueSource urgencySource, Citizen citizen, Location location, String content,
        List<Attachment> attachments) {
}
