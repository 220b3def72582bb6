package io.jiesu.analytics.problemlist;

/**
 * Where an entry of the year's problem list (年度问题清单) stands. Analytics PROPOSES it from the data; leaders ADOPT it
 * (lead department, work plan, three lists) or DROP it with a reason; an adopted entry is DROPPED or COMPLETED.
 * Only PROPOSED entries are refreshed by a new proposal.
 */
public enum ProblemStatus {
    PROPOSED, ADOPTED, DROPPED, COMPLETED;

    /** The allowed moves: PROPOSED → ADOPTED | DROPPED, ADOPTED → DROPPED | COMPLETED; the last two are final. */
    public boolean canBecome(ProblemStatus next) {
        return switch (this) {
            case PROPOSED -> next == ADOPTED || next == DROPPED;
            case ADOPTED -> next == DROPPED || next == COMPLETED;
            case DROPPED, COMPLETED -> false;
        };
    }
}
