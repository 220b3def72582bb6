package io.jiesu.evaluation.scheme;

import java.util.Optional;

/**
 * A completion outcome as the scheme counts it: the four of {@code jiesu.case.completed.v2} (有一办一) and v1's
 * CANNOT_SOLVE (v1's RESOLVED and EXPLAINED are the same words as v2's).
 */
public enum CountedOutcome {
    RESOLVED, PARTLY_RESOLVED, CONDITIONS_BEING_CREATED, EXPLAINED, CANNOT_SOLVE;

    /** The stored outcome name; empty for none or a direct answer (which is never counted). */
    public static Optional<CountedOutcome> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (CountedOutcome o : values()) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
