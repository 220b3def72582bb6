package io.jiesu.contract.event;

import java.time.LocalDate;

/**
 * {@code jiesu.command.complete.v2}: the lead unit completes (办结) the order with one of the four outcomes of
 * {@link Enums.CompletionOutcome}. {@code summary} says what was done; {@code reason} is required for PARTLY_RESOLVED,
 * CONDITIONS_BEING_CREATED and EXPLAINED (for EXPLAINED: the policy or legal reason given to the citizen);
 * {@code plan} and {@code followUpOn} are required for CONDITIONS_BEING_CREATED.
 */
public record CompleteCommandV2(String caseId, Enums.CompletionOutcome outcome, String summary, String reason,
        String plan, LocalDate followUpOn) {
}
