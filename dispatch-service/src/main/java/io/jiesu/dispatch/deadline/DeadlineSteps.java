package io.jiesu.dispatch.deadline;

import io.jiesu.contract.event.Enums;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pending steps of an order's deadlines — each deadline's reminder (催办) and overdue mark (超期) — kept in the
 * order's one timer row (issue 19: one row per order instead of six). The row is due at the first step; its data is
 * this list, one step per line: {@code KIND/PHASE deadline dueAt}, by due time. Plain: no database.
 */
public record DeadlineSteps(List<Step> steps) {

    public enum Phase { REMINDER, OVERDUE }

    /** One step: {@code phase} of the {@code kind} deadline at {@code deadline}, due at {@code dueAt}. */
    public record Step(Enums.DeadlineKind kind, Phase phase, Instant deadline, Instant dueAt) {
        public String name() {
            return kind.name() + "/" + phase.name();
        }
    }

    private static final Comparator<Step> BY_DUE = Comparator.comparing(Step::dueAt)
            .thenComparing(s -> s.phase() == Phase.OVERDUE) // a reminder due with its overdue mark goes first
            .thenComparing(Step::kind);

    public DeadlineSteps {
        steps = steps.stream().sorted(BY_DUE).toList();
    }

    public static DeadlineSteps none() {
        return new DeadlineSteps(List.of());
    }

    /**
     * The steps of one deadline: the reminder {@code remindBefore} ahead unless that time has passed at {@code now}
     * (as before: a reminder is never sent late), and the overdue mark at the deadline.
     */
    public static List<Step> of(Enums.DeadlineKind kind, Instant deadline, java.time.Duration remindBefore,
            Instant now) {
        List<Step> steps = new ArrayList<>(2);
        Instant remindAt = deadline.minus(remindBefore);
        if (remindAt.isAfter(now)) {
            steps.add(new Step(kind, Phase.REMINDER, deadline, remindAt));
        }
        steps.add(new Step(kind, Phase.OVERDUE, deadline, deadline));
        return steps;
    }

    /** These steps with those of {@code kind} replaced by {@code replacement}. */
    public DeadlineSteps with(Enums.DeadlineKind kind, List<Step> replacement) {
        List<Step> out = new ArrayList<>(without(kind).steps);
        out.addAll(replacement);
        return new DeadlineSteps(out);
    }

    /** These steps without those of {@code kind} (a deadline met). */
    public DeadlineSteps without(Enums.DeadlineKind kind) {
        return new DeadlineSteps(steps.stream().filter(s -> s.kind() != kind).toList());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public Step first() {
        return steps.get(0);
    }

    /** All but the first step. */
    public DeadlineSteps rest() {
        return new DeadlineSteps(steps.subList(1, steps.size()));
    }

    public List<String> names() {
        return steps.stream().map(Step::name).toList();
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(s.name()).append(' ').append(s.deadline()).append(' ').append(s.dueAt());
        }
        return out.toString();
    }

    /** Reads {@link #format}'s text; null or blank is no step. */
    public static DeadlineSteps parse(String data) {
        if (data == null || data.isBlank()) {
            return none();
        }
        List<Step> steps = new ArrayList<>();
        for (String line : data.split("\n")) {
            String[] f = line.trim().split(" ");
            String[] name = f[0].split("/");
            steps.add(new Step(Enums.DeadlineKind.valueOf(name[0]), Phase.valueOf(name[1]), Instant.parse(f[1]),
                    Instant.parse(f[2])));
        }
        return new DeadlineSteps(steps);
    }
}
