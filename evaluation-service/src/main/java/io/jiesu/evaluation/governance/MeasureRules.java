package io.jiesu.evaluation.governance;

import io.jiesu.contract.event.Enums.MeasureStatus;

import java.time.LocalDate;

/**
 * How a measure (督办/帮扶/约谈) moves, as plain code (tested by {@code MeasureRulesTest}): OPEN → IN_PROGRESS with
 * its first progress note → DONE when completed; a done measure takes no more notes. Overdue: not done and its due
 * date has passed (Beijing's calendar day) — shown, never changed by itself.
 */
public final class MeasureRules {
    private MeasureRules() {
    }

    public static boolean overdue(LocalDate dueDate, MeasureStatus status, LocalDate today) {
        return status != MeasureStatus.DONE && today.isAfter(dueDate);
    }

    /** The status after a progress note, or after completion; null when the measure is done already. */
    public static MeasureStatus after(MeasureStatus current, boolean complete) {
        if (current == MeasureStatus.DONE) {
            return null;
        }
        return complete ? MeasureStatus.DONE : MeasureStatus.IN_PROGRESS;
    }
}
