package io.jiesu.system;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Killing intake between its database commit and the Kafka send loses nothing: after a restart the event is
 * published, and downstream it takes effect exactly once per ce_id.
 */
class OutboxCrashIT {
    static ServiceProcess dispatch;
    static KafkaProbe probe;

    @BeforeAll
    static void start() throws Exception {
        dispatch = ServiceProcess.of("dispatch-service").start().awaitReady(Duration.ofSeconds(120));
        probe = KafkaProbe.follow("case\\.intake|case\\.dispatch");
    }

    @AfterAll
    static void stop() throws Exception {
        probe.close();
        dispatch.close();
    }

    static String postAppeal(ServiceProcess intake) throws Exception {
        String body = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", "CTI-CRASH-" + UUID.randomUUID());
        HttpResponse<String> response = intake.post("/api/v1/appeals", TestTokens.bearer("telephony"), body);
        assertEquals(201, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body()).get("caseId").asText();
    }

    static List<ConsumerRecord<String, String>> received(String caseId) {
        return probe.collect(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.CASE_RECEIVED.type()).test(r), Duration.ZERO);
    }

    static List<ConsumerRecord<String, String>> dispatched(String caseId) {
        return probe.collect(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ZERO);
    }

    @Test
    void killedAfterTheCommitBeforeTheSendTheEventIsPublishedAfterRestart() throws Exception {
        ServiceProcess intake = ServiceProcess.of("intake-service");
        // The relay is held back, so the appeal is committed with its outbox row and nothing is sent; then a crash.
        intake.start(Map.of("jiesu.outbox.relay.enabled", "false")).awaitReady(Duration.ofSeconds(120));
        String caseId = postAppeal(intake);
        probe.collect(r -> false, Duration.ofSeconds(2));
        assertTrue(received(caseId).isEmpty(), "nothing may be sent before the crash in this scenario");
        intake.kill();

        try (ServiceProcess restarted = intake.start().awaitReady(Duration.ofSeconds(120))) {
            probe.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ofSeconds(60));
            probe.collect(r -> false, Duration.ofSeconds(3));
            assertEquals(1, received(caseId).size(), "published once after the restart");
            assertEquals(1, dispatched(caseId).size(), "dispatched once");
        }
    }

    @Test
    void killedAfterTheSendBeforeTheOutboxRowIsDeletedTheResentEventTakesEffectOnce() throws Exception {
        ServiceProcess intake = ServiceProcess.of("intake-service");
        intake.start(Map.of("jiesu.fault.halt-after-send", "true")).awaitReady(Duration.ofSeconds(120));
        String externalId = "CTI-CRASH-" + UUID.randomUUID();
        String body = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", externalId);
        try {
            intake.post("/api/v1/appeals", TestTokens.bearer("telephony"), body);
        } catch (java.io.IOException e) {
            // the relay may halt the JVM before the HTTP answer is written: the commit happened all the same
        }
        assertEquals(99, intake.awaitExit(Duration.ofSeconds(60)), "the injected fault halts the relay's JVM");
        String caseId = probe.awaitOne(r -> r.value() != null && r.value().contains(externalId)
                && KafkaProbe.ofType(EventCatalog.CASE_RECEIVED.type()).test(r), Duration.ofSeconds(30)).key();

        try (ServiceProcess restarted = intake.start().awaitReady(Duration.ofSeconds(120))) {
            // The row survived the crash, so the relay sends the same event (same ce_id) again.
            probe.await(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.CASE_RECEIVED.type()).test(r), 2, Duration.ofSeconds(60));
            probe.collect(r -> false, Duration.ofSeconds(3));
            List<ConsumerRecord<String, String>> copies = received(caseId);
            assertEquals(1, copies.stream().map(r -> KafkaProbe.header(r, CloudEventHeaders.ID))
                    .collect(Collectors.toSet()).size(), "the copies share one ce_id");
            assertEquals(1, dispatched(caseId).size(), "downstream, exactly once per ce_id");
        }
    }
}
