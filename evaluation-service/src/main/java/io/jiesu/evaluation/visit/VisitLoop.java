package io.jiesu.evaluation.visit;

import io.jiesu.contract.event.Enums;
import io.jiesu.evaluation.casefile.VisitStatus;
import io.jiesu.evaluation.scheme.SchemeRules;

/**
 * What one return visit (回访) does, as a plain rule (tested by {@code VisitLoopTest}):
 * <ul>
 * <li>A visit that does not reach the citizen is an attempt: kept, the case stays in the queue.</li>
 * <li>The first reached visit of a round closes the round: it reopens the case (重办) when the scheme lists its
 * resolution or satisfaction answer among those that reopen (not for a direct answer: there is no work order).</li>
 * <li>Only the first reached visit of round 1 counts for the rates; later visits, and visits of later rounds, are
 * kept and listed but never replace it (an accepted objection takes the whole case out instead).</li>
 * </ul>
 */
public final class VisitLoop {
    private VisitLoop() {
    }

    /**
     * @param counts whether this visit becomes the case's counting visit
     * @param status the round's new visit status, null: unchanged
     * @param reopen whether to request a reopening (CaseReopenRequested)
     */
    public record Decision(boolean counts, VisitStatus status, boolean reopen, boolean attempt) {
    }

    public static Decision decide(int round, VisitStatus status, boolean hasCountingVisit, boolean answeredDirectly,
            boolean reached, Enums.Resolution resolution, Enums.Satisfaction satisfaction, SchemeRules rules) {
        if (!reached) {
            return new Decision(false, null, false, true);
        }
        if (status == VisitStatus.AWAITING) {
            boolean reopen = !answeredDirectly && rules != null && rules.reopens(resolution, satisfaction);
            return new Decision(round == 1 && !hasCountingVisit, reopen ? VisitStatus.REOPENED : VisitStatus.VISITED,
                    reopen, false);
        }
        // a direct answer (no visit loop) or a later visit of a round already visited: kept, counts only if first
        return new Decision(status == null && !hasCountingVisit, null, false, false);
    }
}
