package io.jiesu.dispatch.completion;

import java.time.LocalDate;

/**
 * The body of {@code POST /api/v1/work-orders/{caseId}/complete}: the v2 command's fields ({@code
 * jiesu.command.complete.v2}), and the v1 outcome CANNOT_SOLVE still accepted from older clients (it becomes
 * EXPLAINED). An unknown outcome is a 400.
 */
public record CompleteRequest(String caseId, Outcome outcome, String summary, String reason, String plan,
        LocalDate followUpOn) {
    /** The four outcomes of 有一办一, plus v1's CANNOT_SOLVE. */
    public enum Outcome {
        RESOLVED, PARTLY_RESOLVED, CONDITIONS_BEING_CREATED, EXPLAINED,
        /** v1 only: read as EXPLAINED with the reason given. */
        @Deprecated
        CANNOT_SOLVE
    }
}
