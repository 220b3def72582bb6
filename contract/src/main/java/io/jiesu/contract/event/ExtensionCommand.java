package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.command.extension.v1}: the unit asks for an extension (延期) of the completion deadline. */
public record ExtensionCommand(String caseId, String reason, Instant requestedDeadline) {
}
