package io.jiesu.evaluation.casefile;

/** Where a completed case stands in the return-visit loop (回访) of its current round. */
public enum VisitStatus {
    /** Completed, no reached visit in this round yet: in the visit queue. */
    AWAITING,
    /** The round's first reached visit did not reopen the case. */
    VISITED,
    /** The round's first reached visit reopened it (重办): waiting for the next completion. */
    REOPENED
}
