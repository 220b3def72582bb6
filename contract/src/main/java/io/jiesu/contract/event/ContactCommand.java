package io.jiesu.contract.event;

/** {@code jiesu.command.contact.v1}: the unit contacted the citizen (method e.g. PHONE, SMS, VISIT). */
public record ContactCommand(String caseId, String method, String note) {
}
