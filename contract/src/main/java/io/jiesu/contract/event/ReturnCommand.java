package io.jiesu.contract.event;

/** {@code jiesu.command.return.v1}: the unit asks to return (退单) an order that is not its duty, before signing. */
public record ReturnCommand(String caseId, String reason) {
}
