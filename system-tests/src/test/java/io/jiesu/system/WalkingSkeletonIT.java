package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five packaged services as real processes on the real broker and database: an appeal POSTed to intake reaches
 * the responsible unit's inbox as a work order, as a department system would read it with a plain Kafka consumer.
 */
class WalkingSkeletonIT {
    /** Where docs/examples/appeal.json (a heating complaint in 东华门街道) is routed. */
    static final String UNIT = "ENT_HEATING";
    static final List<ServiceProcess> services = new ArrayList<>();
    static ServiceProcess intake;

    @BeforeAll
    static void startPlatform() throws Exception {
        for (String name : List.of("intake-service", "dispatch-service", "whistle-service", "evaluation-service",
                "analytics-service")) {
            services.add(ServiceProcess.of(name).start());
        }
        for (ServiceProcess s : services) {
            s.awaitReady(Duration.ofSeconds(120));
        }
        intake = services.get(0);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess s : services) {
            s.close();
        }
    }

    @Test
    void anAppealPostedToIntakeArrivesAsAWorkOrderInTheUnitInbox() throws Exception {
        String externalId = "CTI-SYS-" + UUID.randomUUID();
        String body = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", externalId);
        Instant posted = Instant.now();
        HttpResponse<String> response = intake.post("/api/v1/appeals", TestTokens.bearer("telephony"), body);
        assertEquals(201, response.statusCode(), response.body());
        String caseId = Json.mapper().readTree(response.body()).get("caseId").asText();

        // A department system: a plain consumer on its own inbox topic. The responsibility list sends heating
        // appeals to the heating company (a category rule more specific than the street/town default).
        try (KafkaProbe inbox = KafkaProbe.follow(Topics.unitInbox(UNIT).replace(".", "\\."))) {
            ConsumerRecord<String, String> order = inbox.awaitOne(r -> caseId.equals(r.key()),
                    Duration.ofSeconds(60));
            assertEquals(EventCatalog.INBOX_WORK_ORDER.type(), KafkaProbe.header(order, CloudEventHeaders.TYPE));
            assertEquals("/jiesu/dispatch-service", KafkaProbe.header(order, CloudEventHeaders.SOURCE));
            JsonNode data = Json.mapper().readTree(order.value());
            assertEquals(UNIT, data.get("unitCode").asText());
            assertEquals("HEATING", data.get("categoryCode").asText());
            System.out.printf("appeal → unit inbox in %d ms%n", Duration.between(posted, Instant.now()).toMillis());
        }
        try (KafkaProbe dispatch = KafkaProbe.follow(Topics.CASE_DISPATCH.replace(".", "\\."))) {
            dispatch.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ofSeconds(30));
        }

        // Intake follows case.dispatch: the case's status and timeline show the dispatch.
        Instant end = Instant.now().plusSeconds(30);
        JsonNode view;
        do {
            Thread.sleep(200);
            view = Json.mapper().readTree(intake.get("/api/v1/cases/" + caseId, TestTokens.bearer("operator")).body());
        } while (!"DISPATCHED".equals(view.path("status").asText()) && Instant.now().isBefore(end));
        assertEquals("DISPATCHED", view.path("status").asText());
        assertEquals(UNIT, view.path("unitCode").asText());
        assertTrue(view.path("timeline").toString().contains("DISPATCHED"), view.toString());
    }
}
