package io.jiesu.system;

import io.jiesu.contract.Topics;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out on one machine, as {@code deploy/local/scale SERVICE 2} runs it: two instances of every service, both on
 * the service's one database and in its consumer groups. Appeals posted to both intake instances are spread over both
 * dispatch instances, each dispatched exactly once; with two deadline pollers each deadline fires once; after a
 * {@code kill -9} of one dispatch instance its partitions move to the other (session timeout 10 s) and no accepted
 * appeal is lost.
 *
 * <p>"Exactly once" on the inbox: one work order per case by distinct {@code ce_id}; the same record sent again (the
 * same {@code ce_id}, e.g. an outbox row re-published after a crash) is a redelivery, which consumers drop by id.
 * Small by default: {@code -Djiesu.scale.rate=4} appeals/s over both intakes, {@code -Djiesu.scale.seconds=8}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    static final List<String> SERVICES = List.of("intake-service", "dispatch-service", "whistle-service",
            "evaluation-service", "analytics-service");
    static final double RATE = Double.parseDouble(System.getProperty("jiesu.scale.rate", "4"));
    static final int SECONDS = Integer.getInteger("jiesu.scale.seconds", 8);
    static final Duration READY = Duration.ofSeconds(300);
    static final Duration DELIVERY = Duration.ofSeconds(120);
    static final String CONSUMER = "dispatch-case-intake";

    /** Instance 1 and 2 of each service. */
    static final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    static final Map<String, String> databaseUrls = new LinkedHashMap<>();
    static FaultInbox inbox;
    static final List<FaultLoad> loads = new ArrayList<>();

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        String bootstrap = TestInfrastructure.kafkaBootstrap();
        ensureTopic(bootstrap, Topics.CASE_INTAKE, 6); // the services' default: 6 partitions to share among instances
        TestInfrastructure.Database db = TestInfrastructure.database();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (String name : SERVICES) {
            String url = TestInfrastructure.freshDatabase("jiesu_scale_" + name.replace("-service", "") + "_" + run);
            databaseUrls.put(name, url);
            List<ServiceProcess> two = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                two.add(ServiceProcess.on(name, bootstrap, url, db.user(), db.password(), "scale-" + name + "-" + i));
            }
            services.put(name, two);
        }
        // instance 1 of each first (it migrates the database), then instance 2: also less CPU at once
        for (int i = 0; i < 2; i++) {
            for (List<ServiceProcess> two : services.values()) {
                two.get(i).start();
            }
            for (List<ServiceProcess> two : services.values()) {
                two.get(i).awaitReady(READY);
            }
        }
        // every deadline one minute after dispatch (the policy's smallest unit); the test then makes them due now
        HttpResponse<String> policy = dispatch(0).put("/api/v1/admin/time-limits/scale-suite",
                TestTokens.bearer("admin"), """
                        {"urgency": null, "appealType": null, "priority": 1000, "signForMinutes": 1,
                         "contactMinutes": 1, "completionMinutes": 1, "signForRemindMinutes": 0,
                         "contactRemindMinutes": 0, "completionRemindMinutes": 0,
                         "description": "scale-out suite: every deadline one minute after dispatch"}""");
        assertTrue(policy.statusCode() == 201 || policy.statusCode() == 200, policy.body());
        inbox = new FaultInbox(bootstrap);
        // half of the rate to each intake instance, as a load balancer in front of them would
        int offset = 0;
        for (ServiceProcess intake : services.get("intake-service")) {
            warmUp(intake);
            FaultLoad load = new FaultLoad(intake, RATE / 2);
            // FaultLoad derives external id, phone and address from its sequence: two loads counting from 1 would
            // send the same caller twice, and intake rightly links the second appeal to the first as a repeat
            // (no new work order). The second load counts from 50,000,000 instead.
            java.lang.reflect.Field sequence = FaultLoad.class.getDeclaredField("sequence");
            sequence.setAccessible(true);
            ((java.util.concurrent.atomic.AtomicLong) sequence.get(load)).set(offset);
            offset += 50_000_000;
            loads.add(load);
        }
    }

    /** One appeal through each intake before the load: a cold JVM on a busy machine answers the first ones late. */
    static void warmUp(ServiceProcess intake) throws Exception {
        String body = java.nio.file.Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", "SCALE-WARMUP-" + intake.port + "-" + System.nanoTime());
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                if (intake.post("/api/v1/appeals", TestTokens.bearer("telephony"), body).statusCode() / 100 == 2) {
                    return;
                }
            } catch (java.net.http.HttpTimeoutException e) {
                // still warming up
            }
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        loads.forEach(FaultLoad::close);
        if (inbox != null) {
            inbox.close();
        }
        services.values().stream().flatMap(List::stream).parallel().forEach(s -> {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static ServiceProcess dispatch(int i) {
        return services.get("dispatch-service").get(i);
    }

    @Test
    @Order(1)
    void appealsToBothIntakesAreSpreadOverBothDispatchersAndDispatchedExactlyOnce() throws Exception {
        long[] before = {processed(dispatch(0)), processed(dispatch(1))};
        List<FaultLoad.Accepted> accepted = runLoad("spread", SECONDS, null);
        assertTrue(accepted.size() >= 4, "too few appeals accepted: " + accepted.size());
        awaitDelivered(accepted);
        long[] after = {processed(dispatch(0)), processed(dispatch(1))};
        System.out.printf("spread: %d appeals accepted; dispatch #1 processed %d, dispatch #2 %d%n", accepted.size(),
                after[0] - before[0], after[1] - before[1]);
        Tally tally = tally(accepted);
        assertAll(
                () -> assertEquals(List.of(), tally.lost(), "appeals without a work order"),
                () -> assertEquals(List.of(), tally.duplicated(), "appeals with two different work orders"),
                () -> assertTrue(after[0] > before[0], "dispatch #1 processed no appeal"),
                () -> assertTrue(after[1] > before[1], "dispatch #2 processed no appeal"),
                // every appeal's case.intake event processed by one of them (a second one would count as duplicate)
                () -> assertTrue((after[0] - before[0]) + (after[1] - before[1]) >= accepted.size(),
                        "the two dispatch instances together processed fewer events than appeals were accepted"),
                () -> assertEquals(List.of(), inbox.deadLetters(), "dead letters"));
    }

    @Test
    @Order(2)
    void everyDeadlineFiresOnceWithTwoPollers() throws Exception {
        Set<String> orders = accepted().stream().map(FaultLoad.Accepted::caseId)
                .filter(c -> inbox.firstArrival(c) != null).collect(Collectors.toSet());
        assertTrue(!orders.isEmpty(), "no work orders yet");
        double firedBefore = fired(dispatch(0)) + fired(dispatch(1));
        // Let time pass the way DeadlineTimersTest does: the timers' due time moves to now, the deadlines they carry
        // stay; both instances' pollers then race for the same rows (SELECT ... FOR UPDATE SKIP LOCKED). An order has
        // one timer row, due at its next step (issue 19): time passes again until every step has fired.
        TestInfrastructure.Database db = TestInfrastructure.database();
        Set<String> expected = new HashSet<>();
        for (String caseId : orders) {
            for (String kind : List.of("SIGN_FOR", "CONTACT", "COMPLETION")) {
                expected.add(caseId + "/" + kind);
            }
        }
        Instant end = Instant.now().plus(DELIVERY);
        while (Instant.now().isBefore(end) && !inbox.overdue().keySet().containsAll(expected)) {
            try (Connection c = DriverManager.getConnection(databaseUrls.get("dispatch-service"), db.user(),
                    db.password()); Statement s = c.createStatement()) {
                s.executeUpdate("""
                        UPDATE durable_timer SET due_at = now() - interval '1 second'
                        WHERE timer_group = 'dispatch.deadline' AND status = 'PENDING' AND due_at > now()""");
            }
            Thread.sleep(250);
        }
        Thread.sleep(3_000); // a second firing would show up by now
        Map<String, List<FaultInbox.Copy>> events = inbox.overdue();
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (String key : expected) {
            long ids = events.getOrDefault(key, List.of()).stream().map(FaultInbox.Copy::ceId).distinct().count();
            if (ids == 0) {
                missing.add(key);
            } else if (ids > 1) {
                twice.add(key);
            }
        }
        double fired0 = fired(dispatch(0));
        double fired1 = fired(dispatch(1));
        System.out.printf("deadlines: %d expected overdue events; timers fired by dispatch #1 %.0f, by #2 %.0f "
                + "(before: %.0f together)%n", expected.size(), fired0, fired1, firedBefore);
        assertAll(
                () -> assertEquals(List.of(), missing, "overdue events missing"),
                () -> assertEquals(List.of(), twice, "overdue events fired twice"));
    }

    @Test
    @Order(3)
    void killingOneDispatcherMovesItsPartitionsToTheOtherWithNothingLost() throws Exception {
        ServiceProcess survivor = dispatch(0);
        long survivorBefore = processed(survivor);
        List<FaultLoad.Accepted> accepted = runLoad("kill", SECONDS + 12, () -> dispatch(1).kill());
        awaitDelivered(accepted);
        Tally tally = tally(accepted);
        long survivorAfter = processed(survivor);
        System.out.printf("kill -9 dispatch #2: %d appeals accepted around it, lost %d, duplicated %d, "
                + "redelivered %d; the survivor processed %d%n", accepted.size(), tally.lost().size(),
                tally.duplicated().size(), tally.redelivered(), survivorAfter - survivorBefore);
        assertAll(
                () -> assertTrue(accepted.size() >= 4, "too few appeals accepted: " + accepted.size()),
                () -> assertEquals(List.of(), tally.lost(), "accepted appeals without a work order"),
                () -> assertEquals(List.of(), tally.duplicated(), "appeals with two different work orders"),
                // the dead instance's partitions are the survivor's now: it handled at least what came after
                () -> assertTrue(survivorAfter - survivorBefore >= accepted.size() / 2,
                        "the survivor processed only " + (survivorAfter - survivorBefore)),
                () -> assertEquals(List.of(), inbox.deadLetters(), "dead letters"));
    }

    @FunctionalInterface
    interface Fault {
        void run() throws Exception;
    }

    /** Offers appeals to both intakes for {@code seconds}, with {@code fault} a third of the way in; the accepted. */
    List<FaultLoad.Accepted> runLoad(String phase, int seconds, Fault fault) throws Exception {
        loads.forEach(l -> l.offer(phase));
        if (fault != null) {
            Thread.sleep(seconds * 1000L / 3);
            System.out.printf("%s: fault during %s%n", Instant.now(), phase);
            fault.run();
            Thread.sleep(seconds * 1000L * 2 / 3);
        } else {
            Thread.sleep(seconds * 1000L);
        }
        loads.forEach(FaultLoad::pause);
        for (FaultLoad l : loads) {
            l.awaitAnswers(Duration.ofSeconds(30));
        }
        return accepted().stream().filter(a -> a.phase().equals(phase)).toList();
    }

    static List<FaultLoad.Accepted> accepted() {
        return loads.stream().flatMap(l -> l.accepted.stream()).toList();
    }

    void awaitDelivered(List<FaultLoad.Accepted> accepted) throws InterruptedException {
        Instant end = Instant.now().plus(DELIVERY);
        while (Instant.now().isBefore(end)
                && !accepted.stream().allMatch(a -> inbox.firstArrival(a.caseId()) != null)) {
            Thread.sleep(200);
        }
    }

    record Tally(List<String> lost, List<String> duplicated, int redelivered) {
    }

    static Tally tally(List<FaultLoad.Accepted> accepted) {
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int redelivered = 0;
        for (FaultLoad.Accepted a : accepted) {
            List<FaultInbox.Copy> copies = inbox.workOrders(a.caseId());
            long ids = copies.stream().map(FaultInbox.Copy::ceId).distinct().count();
            if (ids == 0) {
                lost.add(a.caseId());
            } else if (ids > 1) {
                duplicated.add(a.caseId());
            }
            redelivered += copies.size() - (int) ids;
        }
        return new Tally(lost, duplicated, redelivered);
    }

    /** The instance's count of case.intake events the dispatch consumer processed (first delivery, not duplicates). */
    static long processed(ServiceProcess dispatch) throws Exception {
        return Math.round(metric(dispatch, "jiesu_consumer_events_total", "consumer=\"" + CONSUMER + "\"",
                "outcome=\"processed\""));
    }

    static double fired(ServiceProcess dispatch) throws Exception {
        return metric(dispatch, "jiesu_timer_fired_total", "group=\"dispatch.deadline\"");
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)}\\s+([0-9.eE+-]+)$");

    /** Sum of the samples of {@code name} whose labels contain all {@code labels}; 0 if there is none yet. */
    static double metric(ServiceProcess s, String name, String... labels) throws Exception {
        HttpResponse<String> r = s.get("/q/metrics", TestTokens.bearer("admin"));
        assertEquals(200, r.statusCode(), s.name + " /q/metrics");
        double sum = 0;
        for (String line : r.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches() && m.group(1).equals(name)
                    && java.util.Arrays.stream(labels).allMatch(l -> m.group(2).contains(l))) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** Creates {@code topic} with {@code partitions} if it is missing (the test broker auto-creates with fewer). */
    static void ensureTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            int actual = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            assertTrue(actual >= 2, topic + " has " + actual + " partition(s): two instances cannot share it");
        }
    }
}
