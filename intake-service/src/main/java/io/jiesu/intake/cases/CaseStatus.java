package io.jiesu.intake.cases;

/**
 * The status of a case as intake shows it, following the lifecycle events of the other services. Declared in
 * lifecycle order: a case only moves forward (the timeline consumer relies on it).
 */
public enum CaseStatus {
    RECEIVED, ANSWERED_DIRECTLY, LINKED, DISPATCHED, SIGNED_FOR, CONTACTED, COMPLETED, VISITED
}
