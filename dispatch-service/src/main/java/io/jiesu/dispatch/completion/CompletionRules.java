package io.jiesu.dispatch.completion;

import io.jiesu.contract.event.CompleteCommand;
import io.jiesu.contract.event.CompleteCommandV2;
import io.jiesu.contract.event.Enums.CompletionOutcome;
import io.jiesu.contract.event.Enums.Outcome;
import io.jiesu.platform.web.ProblemException;

import java.time.LocalDate;
import java.util.List;

/**
 * 有一办一: what a completion (办结) must carry for each outcome — plain rules, the same for REST and both command
 * versions; a broken rule is a 422 naming the {@code field}.
 * <ul>
 * <li>every outcome: a {@code summary} of what was done;</li>
 * <li>PARTLY_RESOLVED 部分解决: a {@code reason} (what is left and why);</li>
 * <li>CONDITIONS_BEING_CREATED 创造条件解决: a {@code reason}, a {@code plan} and a {@code followUpOn} date after today
 * (Beijing) and at most {@value #MAX_FOLLOW_UP_DAYS} days ahead; the unit is reminded on that date;</li>
 * <li>EXPLAINED 已讲清楚: a {@code reason}, the policy or legal reason given to the citizen;</li>
 * <li>{@code plan}/{@code followUpOn} with any other outcome is refused (they would never be followed up).</li>
 * </ul>
 * v1 commands keep v1's rules: CANNOT_SOLVE (reason required) becomes EXPLAINED; an EXPLAINED without a reason takes
 * the summary as the reason (v1 did not ask for one). The REST body serves both versions and cannot tell them apart
 * for EXPLAINED, so there too an EXPLAINED without a reason is read the v1 way; the v2 command always needs one.
 */
public final class CompletionRules {
    public static final int MAX_TEXT = 4000;
    public static final int MAX_FOLLOW_UP_DAYS = 366;

    /** A completion that passed the rules, trimmed. */
    public record Completion(CompletionOutcome outcome, String summary, String reason, String plan,
            LocalDate followUpOn) {
    }

    private CompletionRules() {
    }

    public static Completion check(CompleteCommandV2 c, LocalDate today) {
        if (c == null) {
            throw missingOutcome();
        }
        return check(c.outcome(), c.summary(), c.reason(), c.plan(), c.followUpOn(), today);
    }

    /** A v1 command: CANNOT_SOLVE → EXPLAINED; v1's EXPLAINED needs no reason (the summary stands in). */
    public static Completion checkV1(CompleteCommand c, LocalDate today) {
        if (c == null || c.outcome() == null) {
            throw missingOutcome();
        }
        return checkV1(c.outcome(), c.summary(), c.reason(), null, null, today);
    }

    /** The REST body: v2 outcomes as they are, CANNOT_SOLVE the v1 way. */
    public static Completion check(CompleteRequest r, LocalDate today) {
        if (r == null || r.outcome() == null) {
            throw missingOutcome();
        }
        return switch (r.outcome()) {
            case CANNOT_SOLVE -> checkV1(Outcome.CANNOT_SOLVE, r.summary(), r.reason(), r.plan(), r.followUpOn(), today);
            // EXPLAINED is a v1 value too: a body without a reason is an older client's, read the v1 way
            case EXPLAINED -> r.reason() == null || r.reason().isBlank()
                    ? checkV1(Outcome.EXPLAINED, r.summary(), r.reason(), r.plan(), r.followUpOn(), today)
                    : check(CompletionOutcome.EXPLAINED, r.summary(), r.reason(), r.plan(), r.followUpOn(), today);
            default -> check(CompletionOutcome.valueOf(r.outcome().name()), r.summary(), r.reason(), r.plan(),
                    r.followUpOn(), today);
        };
    }

    private static Completion checkV1(Outcome outcome, String summary, String reason, String plan, LocalDate followUpOn,
            LocalDate today) {
        String s = required(summary, "summary");
        String r = optional(reason, "reason");
        return switch (outcome) {
            case RESOLVED -> check(CompletionOutcome.RESOLVED, s, r, plan, followUpOn, today);
            case EXPLAINED -> check(CompletionOutcome.EXPLAINED, s, r == null ? s : r, plan, followUpOn, today);
            case CANNOT_SOLVE -> {
                if (r == null) {
                    throw ProblemException.unprocessable("reason: required when the outcome is CANNOT_SOLVE (why it "
                            + "cannot be solved)").with("field", "reason");
                }
                yield check(CompletionOutcome.EXPLAINED, s, r, plan, followUpOn, today);
            }
        };
    }

    public static Completion check(CompletionOutcome outcome, String summary, String reason, String plan,
            LocalDate followUpOn, LocalDate today) {
        if (outcome == null) {
            throw missingOutcome();
        }
        String s = required(summary, "summary");
        String r = optional(reason, "reason");
        String p = optional(plan, "plan");
        if (outcome != CompletionOutcome.RESOLVED && r == null) {
            throw ProblemException.unprocessable("reason: required when the outcome is " + outcome + " ("
                    + switch (outcome) {
                        case PARTLY_RESOLVED -> "what is left unsolved and why";
                        case CONDITIONS_BEING_CREATED -> "why it cannot be solved now";
                        default -> "the policy or legal reason explained to the citizen";
                    } + ")").with("field", "reason");
        }
        if (outcome == CompletionOutcome.CONDITIONS_BEING_CREATED) {
            if (p == null) {
                throw ProblemException.unprocessable("plan: required when the outcome is CONDITIONS_BEING_CREATED "
                        + "(how the conditions will be created)").with("field", "plan");
            }
            if (followUpOn == null) {
                throw ProblemException.unprocessable("followUpOn: required when the outcome is "
                        + "CONDITIONS_BEING_CREATED, a date (YYYY-MM-DD) after " + today).with("field", "followUpOn");
            }
            if (!followUpOn.isAfter(today) || followUpOn.isAfter(today.plusDays(MAX_FOLLOW_UP_DAYS))) {
                throw ProblemException.unprocessable("followUpOn: must be after " + today + " and at most "
                        + MAX_FOLLOW_UP_DAYS + " days ahead (" + today.plusDays(MAX_FOLLOW_UP_DAYS) + ")")
                        .with("field", "followUpOn");
            }
        } else if (p != null || followUpOn != null) {
            String field = p != null ? "plan" : "followUpOn";
            throw ProblemException.unprocessable(field + ": only with the outcome CONDITIONS_BEING_CREATED, not "
                    + outcome).with("field", field);
        }
        return new Completion(outcome, s, r, p, followUpOn);
    }

    private static ProblemException missingOutcome() {
        return ProblemException.unprocessable("outcome: required, one of " + List.of(CompletionOutcome.values()))
                .with("field", "outcome");
    }

    static String required(String value, String field) {
        String v = optional(value, field);
        if (v == null) {
            throw ProblemException.unprocessable(field + ": required, must not be blank").with("field", field);
        }
        return v;
    }

    static String optional(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ProblemException.unprocessable(field + ": at most " + MAX_TEXT + " characters").with("field", field);
        }
        return value.strip();
    }
}
