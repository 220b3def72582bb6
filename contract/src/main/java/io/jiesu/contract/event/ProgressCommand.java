package io.jiesu.contract.event;

/** {@code jiesu.command.progress.v1}: a progress report by the lead or a co-handling unit. */
public record ProgressCommand(String caseId, String note) {
}
