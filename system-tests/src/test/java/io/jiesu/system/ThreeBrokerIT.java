package io.jiesu.system;

import io.jiesu.contract.Topics;
import io.jiesu.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five services on three Kafka brokers ({@code deploy/local/up --brokers 3}: replication factor 3,
 * {@code min.insync.replicas=2}); appeals flow while one broker is killed with {@code kill -9} and, later, started
 * again. Every appeal intake accepted must reach a unit inbox, with exactly one work order (distinct {@code ce_id}s;
 * the same record delivered again is a redelivery, not a duplicate). Small by default: {@code
 * -Djiesu.brokers.rate=4} appeals/s, {@code -Djiesu.brokers.seconds=8} per phase (before the kill, while a broker is
 * down, after its restart).
 */
class ThreeBrokerIT {
    static final List<String> SERVICES = List.of("intake-service", "dispatch-service", "whistle-service",
            "evaluation-service", "analytics-service");
    static final double RATE = Double.parseDouble(System.getProperty("jiesu.brokers.rate", "4"));
    static final int SECONDS = Integer.getInteger("jiesu.brokers.seconds", 8);
    static final Duration READY = Duration.ofSeconds(300);

    static ThreeBrokerCluster cluster;
    static final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    static FaultInbox inbox;
    static FaultLoad load;

    @BeforeAll
    static void startPlatform() throws Exception {
        cluster = ThreeBrokerCluster.create(ServiceProcess.ROOT.resolve("system-tests/target/three-broker"))
                .start().awaitBrokers(3, Duration.ofSeconds(180));
        TestInfrastructure.Database db = TestInfrastructure.database();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (String name : SERVICES) {
            String url = TestInfrastructure.freshDatabase("jiesu_brokers_" + name.replace("-service", "") + "_" + run);
            // what deploy/local/up --brokers 3 passes: the topics the services create get three replicas
            services.put(name, ServiceProcess.on(name, cluster.bootstrap(), url, db.user(), db.password(),
                    "three-broker-" + name).start(Map.of("jiesu.kafka.replication-factor", "3",
                    "jiesu.kafka.min-insync-replicas", "2")));
        }
        for (ServiceProcess s : services.values()) {
            s.awaitReady(READY);
        }
        inbox = new FaultInbox(cluster.bootstrap());
        ScaleOutIT.warmUp(services.get("intake-service"));
        load = new FaultLoad(services.get("intake-service"), RATE);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (load != null) {
            load.close();
        }
        if (inbox != null) {
            inbox.close();
        }
        services.values().parallelStream().forEach(s -> {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aBrokerOfThreeLostAndBackLosesAndDuplicatesNothing() throws Exception {
        int victim;
        try (Admin admin = cluster.admin()) {
            TopicDescription intake = describe(admin, Topics.CASE_INTAKE);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    Topics.CASE_INTAKE))).all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertAll(
                    () -> assertTrue(intake.partitions().stream().allMatch(p -> p.replicas().size() == 3),
                            "case.intake replicas: " + intake.partitions()),
                    () -> assertEquals("2", config.get("min.insync.replicas").value(), "min.insync.replicas"));
            // the broker that leads case.intake partition 0: its loss moves leaders the services write to and read
            victim = intake.partitions().get(0).leader().id();
        }

        load.offer("before");
        Thread.sleep(SECONDS * 1000L);
        Instant killedAt = Instant.now();
        cluster.kill(victim);
        System.out.printf("%s: kill -9 Kafka node %d (%d appeals accepted so far)%n", killedAt, victim,
                load.accepted.size());
        load.offer("one broker down");
        Thread.sleep(SECONDS * 1000L);
        cluster.start(victim);
        cluster.awaitBrokers(3, READY);
        System.out.printf("%s: Kafka node %d back after %s%n", Instant.now(), victim,
                Duration.between(killedAt, Instant.now()));
        load.offer("after restart");
        Thread.sleep(SECONDS * 1000L);
        load.pause();
        load.awaitAnswers(Duration.ofSeconds(30));

        List<FaultLoad.Accepted> accepted = List.copyOf(load.accepted);
        Instant end = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(end)
                && !accepted.stream().allMatch(a -> inbox.firstArrival(a.caseId()) != null)) {
            Thread.sleep(200);
        }
        ScaleOutIT.Tally tally = tallyOf(accepted);
        Map<String, Long> perPhase = new LinkedHashMap<>();
        accepted.forEach(a -> perPhase.merge(a.phase(), 1L, Long::sum));
        System.out.printf("three brokers, node %d killed: accepted %s, lost %d, duplicated %d, redelivered %d%n",
                victim, perPhase, tally.lost().size(), tally.duplicated().size(), tally.redelivered());
        Map<String, Integer> underReplicated = underReplicated();
        assertAll(
                () -> assertTrue(perPhase.getOrDefault("one broker down", 0L) > 0,
                        "no appeal was accepted while a broker was down"),
                () -> assertTrue(perPhase.getOrDefault("after restart", 0L) > 0, "none after the restart"),
                () -> assertEquals(List.of(), tally.lost(), "accepted appeals without a work order"),
                () -> assertEquals(List.of(), tally.duplicated(), "appeals with two different work orders"),
                () -> assertEquals(List.of(), inbox.deadLetters(), "dead letters"),
                () -> assertEquals(Map.of(), underReplicated, "partitions not back to 3 in-sync replicas"));
    }

    static ScaleOutIT.Tally tallyOf(List<FaultLoad.Accepted> accepted) {
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
        return new ScaleOutIT.Tally(lost, duplicated, redelivered);
    }

    /** The case topics whose partitions have fewer than three in-sync replicas a while after the restart. */
    static Map<String, Integer> underReplicated() throws Exception {
        List<String> topics = List.of(Topics.CASE_INTAKE, Topics.CASE_DISPATCH);
        Map<String, Integer> under = new LinkedHashMap<>();
        Instant end = Instant.now().plusSeconds(60); // the restarted node catches up from the leaders
        try (Admin admin = cluster.admin()) {
            do {
                under.clear();
                for (String topic : topics) {
                    int n = 0;
                    for (TopicPartitionInfo p : describe(admin, topic).partitions()) {
                        if (p.isr().size() < 3) {
                            n++;
                        }
                    }
                    if (n > 0) {
                        under.put(topic, n);
                    }
                }
                if (under.isEmpty()) {
                    break;
                }
                Thread.sleep(500);
            } while (Instant.now().isBefore(end));
        }
        return under;
    }

    static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }
}
