package io.jiesu.analytics.insight;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The collective-complaint rule on a group's appeals alone: what is raised, and that the order does not matter. */
class CollectiveRuleTest {
    private final CollectiveRule rule = new CollectiveRule(5, Duration.ofHours(2));
    private static final Instant T0 = Instant.parse("2025-07-10T01:00:00Z");
    private static final Instant FAR = T0.plus(Duration.ofDays(1));

    static CollectiveRule.Appeal at(int minutes, String id) {
        return new CollectiveRule.Appeal(T0.plus(Duration.ofMinutes(minutes)), id, "110108");
    }

    @Test
    void theFifthAppealWithinTheWindowRaisesOneAlertWithAllFive() {
        List<CollectiveRule.Appeal> appeals = List.of(at(0, "C0"), at(20, "C1"), at(40, "C2"), at(60, "C3"),
                at(80, "C4"), at(100, "C5"));
        List<CollectiveRule.Alert> alerts = rule.decide(appeals, List.of(), T0, FAR);
        assertEquals(1, alerts.size(), "the sixth is within the first alert's window");
        assertEquals(T0.plus(Duration.ofMinutes(80)), alerts.get(0).windowEnd());
        assertEquals(List.of("C0", "C1", "C2", "C3", "C4"), alerts.get(0).caseIds());
    }

    @Test
    void fourWithinTheWindowAreNotEnough() {
        // the fifth comes two hours after the first: the first is no longer in its window (open at the start)
        List<CollectiveRule.Appeal> appeals = List.of(at(0, "C0"), at(30, "C1"), at(60, "C2"), at(90, "C3"),
                at(120, "C4"));
        assertEquals(List.of(), rule.decide(appeals, List.of(), T0, FAR));
    }

    @Test
    void aWindowNotOverlappingTheAlertsRaisesAnotherEvenWhenTheLaterOneWasRaisedFirst() {
        List<CollectiveRule.Appeal> appeals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appeals.add(at(i * 20, "E" + i));
            appeals.add(at(240 + i * 20, "L" + i));
        }
        // the later window raised by an earlier poll (its partition read first): the earlier one still counts
        List<CollectiveRule.Alert> alerts = rule.decide(appeals, List.of(T0.plus(Duration.ofMinutes(320))), T0, FAR);
        assertEquals(1, alerts.size());
        assertEquals(List.of("E0", "E1", "E2", "E3", "E4"), alerts.get(0).caseIds());
        // an alert whose window overlaps: nothing (alerts are not taken back, nor doubled)
        assertEquals(List.of(), rule.decide(appeals.subList(0, 10), List.of(T0.plus(Duration.ofMinutes(150)),
                T0.plus(Duration.ofMinutes(320))), T0, FAR));
    }

    @Test
    void theOrderTheAppealsComeInDoesNotMatterAndCandidatesOutsideTheRangeRaiseNothing() {
        List<CollectiveRule.Appeal> appeals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            appeals.add(at(i * 20, "C" + i));
        }
        List<CollectiveRule.Alert> inOrder = rule.decide(appeals, List.of(), T0, FAR);
        Collections.shuffle(appeals, new Random(3));
        assertEquals(inOrder, rule.decide(appeals, List.of(), T0, FAR));
        // windows at 80 and at 200 (|200 − 80| = 2 h: no overlap) minutes
        assertEquals(List.of(T0.plus(Duration.ofMinutes(80)), T0.plus(Duration.ofMinutes(200))),
                inOrder.stream().map(CollectiveRule.Alert::windowEnd).toList());
        // candidates before the range are not decided on (an earlier poll did): the first one from 100 minutes on
        assertEquals(T0.plus(Duration.ofMinutes(100)),
                rule.decide(appeals, List.of(), T0.plus(Duration.ofMinutes(100)), FAR).get(0).windowEnd());
    }

    @Test
    void appealsReceivedAtTheSameInstantShareTheWindow() {
        List<CollectiveRule.Appeal> appeals = List.of(at(0, "C3"), at(0, "C1"), at(0, "C2"), at(0, "C0"),
                at(0, "C4"));
        List<CollectiveRule.Alert> alerts = rule.decide(appeals, List.of(), T0, FAR);
        assertEquals(1, alerts.size());
        assertEquals(List.of("C0", "C1", "C2", "C3", "C4"), alerts.get(0).caseIds());
    }

    @Test
    void aRuleWithoutAWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CollectiveRule(5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CollectiveRule(0, Duration.ofHours(2)));
    }
}
