package io.jiesu.dispatch.deadline;

import io.jiesu.contract.event.Enums;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain JUnit: the steps an order's one deadline timer row carries. */
class DeadlineStepsTest {
    static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    static DeadlineSteps dispatched() {
        List<DeadlineSteps.Step> steps = new ArrayList<>();
        steps.addAll(DeadlineSteps.of(Enums.DeadlineKind.COMPLETION, NOW.plus(Duration.ofDays(7)), Duration.ofDays(1),
                NOW));
        steps.addAll(DeadlineSteps.of(Enums.DeadlineKind.SIGN_FOR, NOW.plus(Duration.ofHours(2)),
                Duration.ofMinutes(30), NOW));
        steps.addAll(DeadlineSteps.of(Enums.DeadlineKind.CONTACT, NOW.plus(Duration.ofHours(24)), Duration.ofHours(2),
                NOW));
        return new DeadlineSteps(steps);
    }

    @Test
    void stepsRunByDueTimeAndSurviveTheirText() {
        DeadlineSteps steps = dispatched();
        assertEquals(List.of("SIGN_FOR/REMINDER", "SIGN_FOR/OVERDUE", "CONTACT/REMINDER", "CONTACT/OVERDUE",
                "COMPLETION/REMINDER", "COMPLETION/OVERDUE"), steps.names());
        assertEquals(NOW.plus(Duration.ofMinutes(90)), steps.first().dueAt());
        assertEquals(steps, DeadlineSteps.parse(steps.format()));
        assertEquals(List.of("SIGN_FOR/OVERDUE", "CONTACT/REMINDER", "CONTACT/OVERDUE", "COMPLETION/REMINDER",
                "COMPLETION/OVERDUE"), steps.rest().names());
        assertTrue(DeadlineSteps.parse(null).isEmpty());
    }

    @Test
    void aReminderWhoseTimeHasPassedIsNotScheduled() {
        assertEquals(List.of(Enums.DeadlineKind.SIGN_FOR.name() + "/OVERDUE"), new DeadlineSteps(
                DeadlineSteps.of(Enums.DeadlineKind.SIGN_FOR, NOW.plusSeconds(60), Duration.ofMinutes(30), NOW))
                .names());
    }

    @Test
    void aMetDeadlineDropsItsStepsAndAMovedOneMovesThem() {
        DeadlineSteps signed = dispatched().without(Enums.DeadlineKind.SIGN_FOR);
        assertEquals(List.of("CONTACT/REMINDER", "CONTACT/OVERDUE", "COMPLETION/REMINDER", "COMPLETION/OVERDUE"),
                signed.names());
        Instant later = NOW.plus(Duration.ofDays(10));
        DeadlineSteps extended = signed.with(Enums.DeadlineKind.COMPLETION,
                DeadlineSteps.of(Enums.DeadlineKind.COMPLETION, later, Duration.ofDays(1), NOW));
        assertEquals(later, extended.steps().get(3).deadline());
        assertEquals(later.minus(Duration.ofDays(1)), extended.steps().get(2).dueAt());
        assertEquals(4, extended.steps().size());
    }

    @Test
    void aReminderDueWithItsOverdueMarkGoesFirst() {
        Instant deadline = NOW.plusSeconds(3600);
        DeadlineSteps steps = new DeadlineSteps(List.of(
                new DeadlineSteps.Step(Enums.DeadlineKind.CONTACT, DeadlineSteps.Phase.OVERDUE, deadline, deadline),
                new DeadlineSteps.Step(Enums.DeadlineKind.CONTACT, DeadlineSteps.Phase.REMINDER, deadline, deadline)));
        assertEquals(List.of("CONTACT/REMINDER", "CONTACT/OVERDUE"), steps.names());
    }
}
