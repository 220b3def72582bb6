package io.jiesu.contract.event;

/**
 * {@code jiesu.command.complete.v1}: the lead unit completes (办结) the order: {@code summary} says what was done,
 * {@code reason} is required when the outcome is CANNOT_SOLVE.
 */
public record CompleteCommand(String caseId, Enums.Outcome outcome, String summary, String reason) {
}
