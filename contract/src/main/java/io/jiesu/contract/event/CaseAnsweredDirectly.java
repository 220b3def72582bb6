package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.answered-directly.v1}: a consultation answered at intake from the knowledge base (直接答复). */
public record CaseAnsweredDirectly(String caseId, String externalId, Enums.Channel channel, Instant receivedAt,
        Instant answeredAt, String categoryCode, Location location, String knowledgeEntryId, String answer) {
}
