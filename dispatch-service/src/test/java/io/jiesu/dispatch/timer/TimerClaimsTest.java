package io.jiesu.dispatch.timer;

import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.timer.TimerPoller;
import io.jiesu.testing.JiesuTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timer kit's claims (issue 19): due timers are claimed several per transaction, and a failing timer is retried
 * alone without holding up the others of its claim.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class TimerClaimsTest {
    @Inject
    TimerPoller poller;
    @Inject
    DurableTimers timers;

    @BeforeEach
    void onlyThisTestPolls() {
        poller.stop();
        ProbeTimers.FIRED_IN.clear();
        ProbeTimers.FIRINGS.clear();
    }

    @AfterEach
    void pollerRunsAgain() {
        poller.start();
    }

    private List<String> due(String prefix, int n) {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            subjects.add(prefix + "-" + UUID.randomUUID());
        }
        QuarkusTransaction.requiringNew().run(() -> subjects.forEach(s -> timers.schedule(ProbeTimers.GROUP, s, "T",
                Instant.now().minusSeconds(5), null)));
        return subjects;
    }

    private String status(String subject) {
        return timers.of(ProbeTimers.GROUP, subject).get(0).status();
    }

    private void pollUntilIdle() {
        while (poller.pollOnce("claims-test") > 0) {
            // more may be due
        }
    }

    @Test
    void severalDueTimersFireInOneTransaction() {
        List<String> subjects = due("ok", 10);
        pollUntilIdle();
        subjects.forEach(s -> assertEquals("FIRED", status(s), s));
        assertEquals(1, new HashSet<>(subjects.stream().map(ProbeTimers.FIRED_IN::get).toList()).size(),
                "ten due timers, one claim, one transaction: " + ProbeTimers.FIRED_IN);
    }

    @Test
    void aFailingTimerDoesNotHoldUpTheOthersOfItsClaim() {
        List<String> subjects = due("ok", 6);
        String poison = due("poison", 1).get(0);
        subjects.addAll(due("ok", 6));
        pollUntilIdle();
        subjects.forEach(s -> assertEquals("FIRED", status(s), s));
        assertEquals(subjects.size(), new HashSet<>(subjects.stream().map(ProbeTimers.FIRED_IN::get).toList()).size(),
                "after the claim failed, each timer fired in a transaction of its own");
        var failed = timers.of(ProbeTimers.GROUP, poison).get(0);
        assertEquals("PENDING", failed.status(), "retried later with back-off");
        assertEquals(1, failed.attempts());
        assertTrue(failed.dueAt().isAfter(Instant.now()), "its next try waits: " + failed.dueAt());

        // The next claim of fresh timers is not held up by it either.
        List<String> later = due("ok", 5);
        pollUntilIdle();
        later.forEach(s -> assertEquals("FIRED", status(s), s));
        assertEquals(1, new HashSet<>(later.stream().map(ProbeTimers.FIRED_IN::get).toList()).size());
    }

    @Test
    void aTimerItsHandlerMovesStaysPendingAndFiresAgainAtItsNewTime() {
        String subject = due("again", 1).get(0);
        List<String> others = due("ok", 3);
        poller.pollOnce("claims-test");
        var moved = timers.of(ProbeTimers.GROUP, subject).get(0);
        assertEquals("PENDING", moved.status(), "moved to its next step by its handler, not marked FIRED");
        others.forEach(s -> assertEquals("FIRED", status(s), s));
        pollUntilIdle();
        assertEquals("FIRED", status(subject));
        assertEquals(2, ProbeTimers.FIRINGS.get(subject));
    }
}
