package io.jiesu.contract.event;

/**
 * {@code jiesu.command.sign.v1} on {@code unit.<unitCode>.commands}: the unit's own system signs for (签收) one of
 * its work orders — the Kafka twin of {@code POST /api/v1/work-orders/{caseId}/sign}. The unit is the topic's.
 */
public record SignCommand(String caseId, String signedBy) {
}
