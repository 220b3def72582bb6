package io.jiesu.dispatch.supervision;

import io.jiesu.dispatch.workorder.WorkOrderStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * 催办 as plain rules: which orders may be urged and how often. A reminder goes to a unit that holds an open order and
 * is the one to act: dispatched, reopened (重办), signed for or contacted. A completed order is closed; an order
 * waiting for a hotline decision (a return request, the manual-dispatch queue) has nobody to urge but the hotline
 * itself. At most one reminder per order per interval (the dispatch setting {@code reminder_interval_minutes}).
 */
public final class ReminderRules {
    /** The states in which the holding unit can be urged. */
    public static final Set<WorkOrderStatus> URGEABLE = EnumSet.of(WorkOrderStatus.DISPATCHED,
            WorkOrderStatus.REOPENED, WorkOrderStatus.SIGNED_FOR, WorkOrderStatus.CONTACTED);
    /** The longest reminder message (it is read on a phone in the field). */
    public static final int MAX_MESSAGE = 1000;

    /** What the rules say about one reminder. */
    public sealed interface Verdict {
    }

    /** Send it. */
    public record Allowed() implements Verdict {
    }

    /** Not in this state (409): why, in words the caller can act on. */
    public record NotUrgeable(String reason) implements Verdict {
    }

    /** Too soon after the last one (429): when the next may be sent and how long that is from now. */
    public record TooSoon(Instant nextAllowedAt, Duration retryAfter) implements Verdict {
        /** Whole seconds for a {@code Retry-After} header, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private ReminderRules() {
    }

    public static Verdict check(WorkOrderStatus status, Instant lastRemindedAt, Instant now, Duration interval) {
        if (!URGEABLE.contains(status)) {
            String reason = switch (status) {
                case COMPLETED -> "the work order is completed (办结); there is nothing left to urge";
                case RETURN_REQUESTED -> "the unit asked to return the order; a hotline reviewer decides first";
                case AWAITING_MANUAL_DISPATCH -> "the order waits for manual dispatch and no unit holds it";
                default -> "a work order in state " + status + " cannot be urged";
            };
            return new NotUrgeable(reason);
        }
        if (lastRemindedAt != null) {
            Instant next = lastRemindedAt.plus(interval);
            if (now.isBefore(next)) {
                return new TooSoon(next, Duration.between(now, next));
            }
        }
        return new Allowed();
    }

    /** Why the message cannot be sent (a reminder must say what is wanted), or null when it is fine. */
    public static String invalidMessage(String message) {
        if (message == null || message.isBlank()) {
            return "message: required — say what the unit should do (e.g. 今日内联系诉求人并反馈进展)";
        }
        if (message.strip().length() > MAX_MESSAGE) {
            return "message: at most " + MAX_MESSAGE + " characters";
        }
        return null;
    }
}
