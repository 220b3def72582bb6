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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * two pollers racing on the same database, and across a stop and start of the poller. An order has one timer row
 * (issue 19), due at its next step. "Time passes" by moving that row's due time into the past in the database; the
 * deadlines themselves (in the order and the row's steps) stay.
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
    @Inject
    Deadlines deadlines;

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

    /**
     * Makes the deadline timers of the cases due now when their next step is {@code step} ("%" for any step); the
     * deadlines they carry do not change. The row's data lists its steps by due time, one a line, the next first.
     */
    int makeDue(List<String> caseIds, String step) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE durable_timer SET due_at = now() - interval '1 second'
                WHERE timer_group = 'dispatch.deadline' AND subject = ANY (?1) AND data LIKE ?2
                  AND status = 'PENDING'""")
                .setParameter(1, caseIds.toArray(new String[0])).setParameter(2, step + " %").executeUpdate());
    }

    DeadlineSteps pending(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> deadlines.pending(caseId));
    }

    /** One deadline timer row for the order, whatever happened to it. */
    void oneRow(String caseId) {
        var rows = timers.of(Deadlines.GROUP, caseId);
        assertEquals(1, rows.size(), rows::toString);
        assertEquals(Deadlines.TIMER, rows.get(0).name());
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
        oneRow(caseId);
        DeadlineSteps scheduled = pending(caseId);
        assertEquals(List.of("SIGN_FOR/REMINDER", "SIGN_FOR/OVERDUE", "CONTACT/REMINDER", "CONTACT/OVERDUE",
                "COMPLETION/REMINDER", "COMPLETION/OVERDUE"), scheduled.names());
        var row = timers.of(Deadlines.GROUP, caseId).get(0);
        assertEquals("PENDING", row.status());
        assertEquals(scheduled.first().dueAt(), row.dueAt(), "the row is due at its first step");
        // Signing meets the sign-for deadline: its steps are dropped, the others stay.
        act("110101008", caseId, "sign", "{}").statusCode(200);
        oneRow(caseId);
        assertEquals(List.of("CONTACT/REMINDER", "CONTACT/OVERDUE", "COMPLETION/REMINDER", "COMPLETION/OVERDUE"),
                pending(caseId).names());
        assertEquals(scheduled.steps().subList(2, 6), pending(caseId).steps(), "the same times as at dispatch");
        assertEquals("PENDING", timers.of(Deadlines.GROUP, caseId).get(0).status());
    }

    @Test
    void aPassedDeadlineRemindsThenMarksOverdueExactlyOnceAndReachesTheUnit() {
        String unit = "110101009";
        String caseId = dispatchedCase(probe, unit);
        assertEquals(1, makeDue(List.of(caseId), "SIGN_FOR/REMINDER"));
        DeadlineReminder reminder = awaitEvent(probe, caseId, EventCatalog.CASE_REMINDER);
        assertEquals(Enums.DeadlineKind.SIGN_FOR, reminder.deadlineKind());
        assertEquals(unit, reminder.unitCode());
        awaitNextStep(caseId, "SIGN_FOR/OVERDUE");
        assertEquals(1, makeDue(List.of(caseId), "SIGN_FOR/OVERDUE"));
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
        assertEquals(20, makeDue(cases, "%"), "one timer row per order");

        // Two pollers race for the 20 orders' rows, a row per claim, through their 120 steps: whenever neither
        // finds a row due, time passes again for every row (its next step becomes due).
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
                        if (poller.pollOnce(name, 1) == 0) {
                            makeDue(cases, "%");
                            Thread.sleep(20);
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
        assertEquals(20, count(cases, "FIRED"), "each order's row fired its six steps and then was done");
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
        act("110101011", caseId, "sign", "{}").statusCode(200); // the contact deadline's steps come next
        poller.stop();
        assertEquals(1, makeDue(List.of(caseId), "CONTACT/REMINDER"));
        assertEquals(0, probe.collect(is(caseId, EventCatalog.CASE_REMINDER), Duration.ofSeconds(3)).size());
        assertEquals(0, count(List.of(caseId), "FIRED"));
        assertEquals("CONTACT/REMINDER", pending(caseId).first().name(), "the due step is kept in the database");
        assertEquals("PENDING", timers.of(Deadlines.GROUP, caseId).get(0).status());

        poller.start();
        DeadlineReminder reminder = awaitEvent(probe, caseId, EventCatalog.CASE_REMINDER);
        assertEquals(Enums.DeadlineKind.CONTACT, reminder.deadlineKind());
        awaitNextStep(caseId, "CONTACT/OVERDUE");
        assertEquals(1, makeDue(List.of(caseId), "CONTACT/OVERDUE"));
        WorkOrderOverdue overdue = awaitEvent(probe, caseId, EventCatalog.CASE_OVERDUE);
        assertEquals(Enums.DeadlineKind.CONTACT, overdue.deadlineKind());
        // Another stop/start cycle fires neither again.
        poller.stop();
        poller.start();
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_OVERDUE), Duration.ofSeconds(4)).size());
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_REMINDER), Duration.ZERO).size());
        assertEquals(List.of("COMPLETION/REMINDER", "COMPLETION/OVERDUE"), pending(caseId).names());
        oneRow(caseId);
    }

    /**
     * A step that cannot fire through its last attempt (here: the order stays locked, so the NOWAIT lock fails every
     * time) is dropped, and the order's later steps stay on the clock and fire.
     */
    @Test
    void aStepThatFailsItsLastAttemptLeavesTheLaterStepsScheduled() throws Exception {
        String unit = "110101014";
        String caseId = dispatchedCase(probe, unit);
        poller.stop();
        // the last attempt is the next one
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE durable_timer SET attempts = 9, due_at = now() - interval '1 second'
                WHERE timer_group = 'dispatch.deadline' AND subject = ?1""").setParameter(1, caseId).executeUpdate());
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> lock = holder.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("SELECT 1 FROM work_order WHERE case_id = ?1 FOR UPDATE")
                        .setParameter(1, caseId).getResultList();
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS));
            poller.pollOnce("gave-up-test");
            release.countDown();
            lock.get();
        } finally {
            release.countDown();
            holder.shutdown();
        }
        oneRow(caseId);
        var row = timers.of(Deadlines.GROUP, caseId).get(0);
        assertEquals("PENDING", row.status(), "the later steps are back on the clock");
        assertEquals(List.of("SIGN_FOR/OVERDUE", "CONTACT/REMINDER", "CONTACT/OVERDUE", "COMPLETION/REMINDER",
                "COMPLETION/OVERDUE"), pending(caseId).names(), "the failed sign-for reminder is dropped");
        assertEquals(0, probe.collect(is(caseId, EventCatalog.CASE_REMINDER), Duration.ofSeconds(2)).size());

        poller.start();
        assertEquals(1, makeDue(List.of(caseId), "SIGN_FOR/OVERDUE"));
        WorkOrderOverdue overdue = awaitEvent(probe, caseId, EventCatalog.CASE_OVERDUE);
        assertEquals(Enums.DeadlineKind.SIGN_FOR, overdue.deadlineKind());
    }

    /** Waits until the poller moved the order's row on to {@code step}. */
    void awaitNextStep(String caseId, String step) {
        long end = System.currentTimeMillis() + WAIT.toMillis();
        // one read a round: each read locks the row for a moment, and a poller skips a locked row
        for (DeadlineSteps now = pending(caseId); !now.isEmpty() && !now.first().name().equals(step);
                now = pending(caseId)) {
            DeadlineSteps seen = now;
            assertTrue(System.currentTimeMillis() < end, () -> "waiting for " + step + ", next step still "
                    + seen.names() + "; the row: " + timers.of(Deadlines.GROUP, caseId));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aMetDeadlineDoesNotFireEvenWhenItsTimeComes() {
        String unit = "110101012";
        String caseId = dispatchedCase(probe, unit);
        String atDispatch = pending(caseId).format();
        act(unit, caseId, "sign", "{}").statusCode(200);
        act(unit, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        // The row fires its old sign-for and contact steps as if they had never been dropped.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE durable_timer SET due_at = now() - interval '1 second', status = 'PENDING', data = ?2
                WHERE timer_group = 'dispatch.deadline' AND subject = ?1""").setParameter(1, caseId)
                .setParameter(2, atDispatch).executeUpdate());
        for (String step : List.of("SIGN_FOR/REMINDER", "SIGN_FOR/OVERDUE", "CONTACT/REMINDER", "CONTACT/OVERDUE")) {
            awaitNextStep(caseId, step);
            assertEquals(1, makeDue(List.of(caseId), step), step + " made due");
        }
        awaitNextStep(caseId, "COMPLETION/REMINDER");
        assertEquals(0, probe.collect(r -> caseId.equals(r.key()) && (isType(r, EventCatalog.CASE_OVERDUE.type())
                || isType(r, EventCatalog.CASE_REMINDER.type())), Duration.ofSeconds(4)).size(),
                "a timer of a met deadline is ignored when it fires");
    }

    /**
     * One row through a lifecycle (issue 19): dispatch, sign, an extension, the contact deadline's steps, the extended
     * completion reminder, completion — the same reminder and overdue events as six rows gave, and never a second row.
     */
    @Test
    void oneRowPerOrderThroughSignExtensionAndCompletion() {
        String unit = "110101013";
        String caseId = dispatchedCase(probe, unit);
        oneRow(caseId);
        DeadlineSteps atDispatch = pending(caseId);
        act(unit, caseId, "sign", "{}").statusCode(200);
        oneRow(caseId);
        Instant completion = atDispatch.steps().get(5).deadline();
        Instant wanted = completion.plus(Duration.ofDays(5));
        act(unit, caseId, "extension", "{\"reason\":\"需协调产权单位\",\"requestedDeadline\":\"" + wanted + "\"}")
                .statusCode(200);
        review("work-orders/" + caseId + "/extension/decision", "{\"decision\":\"APPROVED\"}").statusCode(200);
        oneRow(caseId);
        DeadlineSteps extended = pending(caseId);
        assertEquals(List.of("CONTACT/REMINDER", "CONTACT/OVERDUE", "COMPLETION/REMINDER", "COMPLETION/OVERDUE"),
                extended.names());
        assertEquals(atDispatch.steps().subList(2, 4), extended.steps().subList(0, 2), "contact steps untouched");
        assertEquals(wanted, extended.steps().get(3).deadline());
        assertEquals(wanted, extended.steps().get(3).dueAt(), "the overdue step moved with the deadline");
        assertEquals(extended.steps().get(2).dueAt().plus(Duration.between(atDispatch.steps().get(4).dueAt(),
                completion)), wanted, "the reminder keeps its lead time");

        for (String step : List.of("CONTACT/REMINDER", "CONTACT/OVERDUE", "COMPLETION/REMINDER")) {
            awaitNextStep(caseId, step);
            assertEquals(1, makeDue(List.of(caseId), step));
        }
        List<DeadlineReminder> reminders = probe.await(is(caseId, EventCatalog.CASE_REMINDER), 2, WAIT).stream()
                .map(r -> data(r, EventCatalog.CASE_REMINDER)).toList();
        assertEquals(Enums.DeadlineKind.CONTACT, reminders.get(0).deadlineKind());
        assertEquals(atDispatch.steps().get(3).deadline(), reminders.get(0).deadline());
        assertEquals(Enums.DeadlineKind.COMPLETION, reminders.get(1).deadlineKind());
        assertEquals(wanted, reminders.get(1).deadline(), "the reminder of the extended deadline");
        WorkOrderOverdue overdue = awaitEvent(probe, caseId, EventCatalog.CASE_OVERDUE);
        assertEquals(Enums.DeadlineKind.CONTACT, overdue.deadlineKind());
        awaitNextStep(caseId, "COMPLETION/OVERDUE");
        oneRow(caseId);

        act(unit, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        act(unit, caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"已处理\"}").statusCode(200);
        oneRow(caseId);
        assertEquals("CANCELLED", timers.of(Deadlines.GROUP, caseId).get(0).status());
        assertTrue(pending(caseId).isEmpty());
        // Exactly these: two reminders, one overdue mark, with their inbox notices.
        assertEquals(2, probe.collect(is(caseId, EventCatalog.CASE_REMINDER), Duration.ofSeconds(3)).size());
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_OVERDUE), Duration.ZERO).size());
        assertEquals(3, probe.collect(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && Set.of(Enums.NoticeKind.REMINDER, Enums.NoticeKind.OVERDUE)
                        .contains(data(r, EventCatalog.INBOX_NOTICE).kind()), Duration.ZERO).size());
    }

    /** V13 folds the pending six-row timers of an order (names KIND/PHASE, data the deadline) into its one row. */
    @Test
    void v13FoldsTheSixTimersOfAnOrderIntoOne() throws Exception {
        String subject = newCaseId();
        Instant base = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Map<String, Instant[]> legacy = new java.util.LinkedHashMap<>(); // name → deadline, due
        legacy.put("SIGN_FOR/REMINDER", new Instant[] {base.plusSeconds(7200), base.plusSeconds(5400)});
        legacy.put("SIGN_FOR/OVERDUE", new Instant[] {base.plusSeconds(7200), base.plusSeconds(7200)});
        legacy.put("CONTACT/REMINDER", new Instant[] {base.plusSeconds(86400), base.plusSeconds(72000)});
        legacy.put("CONTACT/OVERDUE", new Instant[] {base.plusSeconds(86400), base.plusSeconds(86400)});
        legacy.put("COMPLETION/OVERDUE", new Instant[] {base.plusSeconds(604800), base.plusSeconds(604800)});
        String sql = new String(getClass().getResourceAsStream("/db/migration/V13__one_deadline_timer_per_order.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        QuarkusTransaction.requiringNew().run(() -> {
            legacy.forEach((name, t) -> em.createNativeQuery("""
                    INSERT INTO durable_timer (timer_group, subject, name, due_at, data) VALUES ('dispatch.deadline', ?1,
                    ?2, ?3, ?4)""").setParameter(1, subject).setParameter(2, name)
                    .setParameter(3, java.sql.Timestamp.from(t[1])).setParameter(4, t[0].toString()).executeUpdate());
            // a reminder that fired already stays out
            em.createNativeQuery("""
                    INSERT INTO durable_timer (timer_group, subject, name, due_at, data, status) VALUES
                    ('dispatch.deadline', ?1, 'COMPLETION/REMINDER', now(), ?2, 'FIRED')""").setParameter(1, subject)
                    .setParameter(2, base.plusSeconds(604800).toString()).executeUpdate();
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    em.createNativeQuery(statement).executeUpdate();
                }
            }
        });
        var rows = timers.of(Deadlines.GROUP, subject);
        assertEquals(1, rows.stream().filter(t -> t.status().equals("PENDING")).count(), rows::toString);
        var next = rows.stream().filter(t -> t.status().equals("PENDING")).findFirst().orElseThrow();
        assertEquals(Deadlines.TIMER, next.name());
        assertEquals(base.plusSeconds(5400), next.dueAt());
        assertTrue(rows.stream().filter(t -> !t.name().equals(Deadlines.TIMER))
                .noneMatch(t -> t.status().equals("PENDING")), "the six-row timers are cancelled");
        DeadlineSteps steps = pending(subject);
        assertEquals(List.copyOf(legacy.keySet()), steps.names());
        for (DeadlineSteps.Step step : steps.steps()) {
            assertEquals(legacy.get(step.name())[0], step.deadline(), step.name());
            assertEquals(legacy.get(step.name())[1], step.dueAt(), step.name());
        }
    }

    static boolean isType(ConsumerRecord<String, String> r, String type) {
        return type.equals(KafkaProbe.header(r, CloudEventHeaders.TYPE));
    }
}
