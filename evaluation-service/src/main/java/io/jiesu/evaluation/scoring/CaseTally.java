package io.jiesu.evaluation.scoring;

import io.jiesu.contract.event.Enums;
import io.jiesu.evaluation.scheme.CountedOutcome;

/**
 * {@code count} counted cases of one unit in one district that look the same to the rules: completed or open past
 * the completion deadline, signed for and contacted in time or not, their completion outcome and the answers of the
 * visit that counts. The repository groups the month's cases into these, so a month of a million cases is a few
 * thousand tallies.
 *
 * @param unitCode the unit the case counts for: who completed it, or the lead unit of a case still open
 * @param visitContactedInTime the citizen's word at the counting visit (null: not asked)
 * @param reached whether the counting visit reached the citizen (false: no counting visit yet)
 */
public record CaseTally(String unitCode, String districtCode, Standing standing, boolean signedInTime,
        boolean contactedInTime, Boolean visitContactedInTime, CountedOutcome outcome, boolean reached,
        Enums.Resolution resolution, Enums.Satisfaction satisfaction, int count) {

    /** Where a counted case stands in its month. */
    public enum Standing {
        /** Completed (办结) in the month, or before the deadline that falls in it. */
        COMPLETED,
        /** Still open, its completion deadline (in the month) passed: counts as unresolved (有一办一). */
        OPEN_OVERDUE
    }
}
