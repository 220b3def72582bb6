package io.jiesu.dispatch.deadline;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.DeadlineReminder;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.WorkOrderOverdue;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.timer.TimerPoller;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines as durable timers: reminders and overdue marks fire exactly once — with the service's own poller, with
 * two pollers racing on the same database, and across a stop and start of the poller. "Time passes" by moving a
 * timer's due time into the past in the database; the deadline itself (in the order and the timer's data) stays.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class DeadlineTimersTest {
    static KafkaProbe probe;

    @Inject
    TimerPoller poller;
    @Inject
    DurableTimers timers;
    @Inject
    EntityManager em;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @AfterEach
    void pollerRunsAgain() {
        poller.start();
    }

    /** Makes the named timers of the cases due now (the deadline they carry does not change). */
    int makeDue(List<String> caseIds, String nameLike) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE durable_timer SET due_at = now() - interval '1 second'
                WHERE timer_group = 'dispatch.deadline' AND subject = ANY (?1) AND name LIKE ?2
                  AND status = 'PENDING'""")
                .setParameter(1, caseIds.toArray(new String[0])).setParameter(2, nameLike).executeUpdate());
    }

    long count(List<String> caseIds, String status) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT count(*) FROM durable_timer WHERE timer_group = 'dispatch.deadline' AND subject = ANY (?1)
                  AND status = ?2""").setParameter(1, caseIds.toArray(new String[0])).setParameter(2, status)
                .getSingleResult()).longValue());
    }

    @Test
    void dispatchSchedulesReminderAndOverdueForEachDeadlineInTheSameTransaction() {
        String caseId = dispatchedCase(probe, "110101008");
        var scheduled = timers.of(Deadlines.GROUP, caseId);
        Set<String> names = new HashSet<>();
        scheduled.forEach(t -> names.add(t.name()));
        assertEquals(Set.of("SIGN_FOR/REMINDER", "SIGN_FOR/OVERDUE", "CONTACT/REMINDER", "CONTACT/OVERDUE",
                "COMPLETION/REMINDER", "COMPLETION/OVERDUE"), names);
        assertTrue(scheduled.stream().allMatch(t -> t.status().equals("PENDING")));
        // Signing meets the sign-for deadline: its timers are cancelled, the others stay.
        act("110101008", caseId, "sign", "{}").statusCode(200);
        timers.of(Deadlines.GROUP, caseId).forEach(t -> assertEquals(
                t.name().startsWith("SIGN_FOR/") ? "CANCELLED" : "PENDING", t.status(), t.name()));
    }

    @Test
    void aPassedDeadlineRemindsThenMarksOverdueExactlyOnceAndReachesTheUnit() {
        String unit = "110101009";
        String caseId = dispatchedCase(probe, unit);
        makeDue(List.of(caseId), "SIGN_FOR/REMINDER");
        DeadlineReminder reminder = awaitEvent(probe, caseId, EventCatalog.CASE_REMINDER);
        assertEquals(Enums.DeadlineKind.SIGN_FOR, reminder.deadlineKind());
        assertEquals(unit, reminder.unitCode());
        makeDue(List.of(caseId), "SIGN_FOR/OVERDUE");
        WorkOrderOverdue overdue = awaitEvent(probe, caseId, EventCatalog.CASE_OVERDUE);
        assertEquals(Enums.DeadlineKind.SIGN_FOR, overdue.deadlineKind());
        assertEquals(reminder.deadline(), overdue.deadline());

        List<ConsumerRecord<String, String>> notices = probe.await(is(caseId, EventCatalog.INBOX_NOTICE), 2, WAIT);
        assertTrue(notices.stream().allMatch(r -> r.topic().equals(Topics.unitInbox(unit))));
        assertEquals(Set.of(Enums.NoticeKind.REMINDER, Enums.NoticeKind.OVERDUE), Set.copyOf(notices.stream()
                .map(r -> data(r, EventCatalog.INBOX_NOTICE)).map(InboxNotice::kind).toList()));
        // Exactly once, however many polls follow.
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_REMINDER), Duration.ofSeconds(3)).size());
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_OVERDUE), Duration.ZERO).size());
        given().header("Authorization", TestTokens.bearer("unit", unit))
                .get("/api/v1/units/" + unit + "/work-orders?overdue=true").then().statusCode(200)
                .body("caseId", hasItem(caseId));
        // Signing after the overdue mark still works; the mark stays (it counts).
        act(unit, caseId, "sign", "{}").statusCode(200).body("overdue", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void twoPollersRacingFireEachDeadlineExactlyOnce() throws Exception {
        poller.stop();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cases.add(newCaseId());
        }
        cases.forEach(c -> sendReceived(received(c, "110101", "110101010", "NOISE", Enums.Urgency.NORMAL)));
        cases.forEach(c -> awaitEvent(probe, c, EventCatalog.CASE_DISPATCHED));
        assertEquals(120, makeDue(cases, "%"));

        // Two pollers race for the same 120 due timers (six per order: timers of one order also contend for the
        // order's row lock, which a poller never waits for — it retries the timer shortly).
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (String name : List.of("poller-A", "poller-B")) {
                runs.add(pool.submit(() -> {
                    go.await();
                    int rounds = 0;
                    long end = System.currentTimeMillis() + 60_000;
                    while (count(cases, "PENDING") > 0 && System.currentTimeMillis() < end) {
                        if (poller.pollOnce(name) == 0) {
                            Thread.sleep(100);
                        }
                        rounds++;
                    }
                    return rounds;
                }));
            }
            go.countDown();
            runs.get(0).get();
            runs.get(1).get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(120, count(cases, "FIRED"));
        @SuppressWarnings("unchecked")
        List<Object> firedBy = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT DISTINCT fired_by FROM durable_timer WHERE subject = ANY (?1)""")
                .setParameter(1, cases.toArray(new String[0])).getResultList());
        assertEquals(Set.of("poller-A", "poller-B"), Set.copyOf(firedBy), "both pollers took part");

        Set<String> caseSet = Set.copyOf(cases);
        probe.await(r -> caseSet.contains(r.key()) && isType(r, EventCatalog.CASE_OVERDUE.type()), 60, WAIT);
        probe.await(r -> caseSet.contains(r.key()) && isType(r, EventCatalog.CASE_REMINDER.type()), 60, WAIT);
        List<ConsumerRecord<String, String>> all = probe.collect(r -> caseSet.contains(r.key())
                && Topics.CASE_DISPATCH.equals(r.topic()) && (isType(r, EventCatalog.CASE_OVERDUE.type())
                || isType(r, EventCatalog.CASE_REMINDER.type())), Duration.ofSeconds(3));
        Map<String, Integer> perDeadline = new HashMap<>();
        for (ConsumerRecord<String, String> r : all) {
            String kind = isType(r, EventCatalog.CASE_OVERDUE.type())
                    ? "OVERDUE/" + data(r, EventCatalog.CASE_OVERDUE).deadlineKind()
                    : "REMINDER/" + data(r, EventCatalog.CASE_REMINDER).deadlineKind();
            perDeadline.merge(r.key() + "/" + kind, 1, Integer::sum);
        }
        assertEquals(120, perDeadline.size(), "one event per case, deadline kind and phase");
        assertTrue(perDeadline.values().stream().allMatch(n -> n == 1), "no deadline fired twice: " + perDeadline);
    }

    @Test
    void dueTimersWaitInTheDatabaseWhileNoPollerRunsAndFireOnceAfterTheRestart() {
        String caseId = dispatchedCase(probe, "110101011");
        poller.stop();
        assertEquals(1, makeDue(List.of(caseId), "CONTACT/OVERDUE"));
        assertEquals(0, probe.collect(is(caseId, EventCatalog.CASE_OVERDUE), Duration.ofSeconds(3)).size());
        assertEquals(0, count(List.of(caseId), "FIRED"));
        assertTrue(timers.of(Deadlines.GROUP, caseId).stream()
                .anyMatch(t -> t.name().equals("CONTACT/OVERDUE") && t.status().equals("PENDING")),
                "the due timer is kept in the database");

        poller.start();
        WorkOrderOverdue overdue = awaitEvent(probe, caseId, EventCatalog.CASE_OVERDUE);
        assertEquals(Enums.DeadlineKind.CONTACT, overdue.deadlineKind());
        // Another stop/start cycle does not fire it again.
        poller.stop();
        poller.start();
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_OVERDUE), Duration.ofSeconds(4)).size());
        assertTrue(timers.of(Deadlines.GROUP, caseId).stream()
                .anyMatch(t -> t.name().equals("CONTACT/OVERDUE") && t.status().equals("FIRED")));
    }

    @Test
    void aMetDeadlineDoesNotFireEvenWhenItsTimeComes() {
        String unit = "110101012";
        String caseId = dispatchedCase(probe, unit);
        act(unit, caseId, "sign", "{}").statusCode(200);
        act(unit, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE durable_timer SET due_at = now() - interval '1 second', status = 'PENDING'
                WHERE subject = ?1 AND name LIKE 'SIGN_FOR/%'""").setParameter(1, caseId).executeUpdate());
        assertEquals(0, probe.collect(r -> caseId.equals(r.key()) && (isType(r, EventCatalog.CASE_OVERDUE.type())
                || isType(r, EventCatalog.CASE_REMINDER.type())), Duration.ofSeconds(4)).size(),
                "a timer of a met deadline is ignored when it fires");
    }

    static boolean isType(ConsumerRecord<String, String> r, String type) {
        return type.equals(KafkaProbe.header(r, CloudEventHeaders.TYPE));
    }
}
