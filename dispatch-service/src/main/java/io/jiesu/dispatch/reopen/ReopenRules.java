package io.jiesu.dispatch.reopen;

import io.jiesu.contract.event.CaseReopenRequested;
import io.jiesu.dispatch.workorder.WorkOrderStatus;

/**
 * 重办, as plain rules. A return visit that found round {@code r} unresolved or the citizen dissatisfied reopens the
 * order to the same lead unit only when the order is COMPLETED and still in round {@code r}: anything else is a stale
 * or repeated request and changes nothing. The reopening starts round r+1; when that round is beyond the
 * {@code max_handling_rounds} setting the district is told (the lead unit keeps the case: 一单到底).
 */
public final class ReopenRules {
    /** What a reopen request does to an order. */
    public record Verdict(boolean reopen, int newRound, boolean escalate, String why) {
    }

    private ReopenRules() {
    }

    public static Verdict decide(WorkOrderStatus status, int currentRound, int visitedRound, int maxRounds) {
        if (status != WorkOrderStatus.COMPLETED) {
            return new Verdict(false, currentRound, false, "the order is " + status + ", not COMPLETED");
        }
        if (visitedRound != currentRound) {
            return new Verdict(false, currentRound, false, "the visit judged round " + visitedRound
                    + " but the order is in round " + currentRound);
        }
        int next = currentRound + 1;
        return new Verdict(true, next, next > maxRounds, next > maxRounds
                ? "round " + next + " is beyond the limit of " + maxRounds + " rounds" : "round " + next);
    }

    /** The reason the unit and the timeline read: the visit's answers and the citizen's words. */
    public static String reason(CaseReopenRequested r) {
        StringBuilder b = new StringBuilder("回访 of round ").append(r.round()).append(':');
        if (r.resolution() != null) {
            b.append(' ').append(r.resolution());
        }
        if (r.satisfaction() != null) {
            b.append(r.resolution() != null ? ", " : " ").append(r.satisfaction());
        }
        if (r.comment() != null && !r.comment().isBlank()) {
            String c = r.comment().strip();
            b.append(" — ").append(c.length() > 1000 ? c.substring(0, 1000) + "…" : c);
        }
        return b.toString();
    }
}
