package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five packaged services as real processes on the real broker and database: an appeal POSTed to intake reaches
 * the responsible unit's inbox as a work order, as a department system would read it with a plain Kafka consumer.
 */
class WalkingSkeletonIT {
    /** Where docs/examples/appeal.json (a heating complaint in 东华门街道) is routed. */
    static final String UNIT = "ENT_HEATING";
    static Platform platform;
    static ServiceProcess intake;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.start();
        intake = platform.intake();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
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

    /**
     * One case is one trace: the caller's W3C trace context on the intake request comes out on the work order in the
     * unit's inbox, carried through intake's outbox, case.intake, dispatch's consumer span and dispatch's outbox.
     */
    @Test
    void anAppealsTraceContinuesFromTheIntakeRequestToTheUnitInbox() throws Exception {
        String traceId = randomHex(32);
        String externalId = "CTI-TRACE-" + UUID.randomUUID();
        // Another caller at another address: the same caller or place would be linked to the other test's open case.
        String body = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", externalId).replace("13800138000", "13900139000")
                .replace("南池子大街12号院", "南池子大街88号院");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(intake.baseUrl() + "/api/v1/appeals"))
                .header("Authorization", TestTokens.bearer("telephony")).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        String caseId = Json.mapper().readTree(response.body()).get("caseId").asText();
        try (KafkaProbe inbox = KafkaProbe.follow(Topics.unitInbox(UNIT).replace(".", "\\."))) {
            ConsumerRecord<String, String> order = inbox.awaitOne(r -> caseId.equals(r.key()), Duration.ofSeconds(60));
            String traceparent = KafkaProbe.header(order, "traceparent");
            assertNotNull(traceparent, "the work order carries no traceparent header");
            assertEquals(traceId, traceparent.split("-")[1], "the work order is not in the intake request's trace");
        }
    }

    /**
     * The Grafana dashboard and the Prometheus alert rules in deploy/observability only use metric names the
     * services expose at /q/metrics (after some traffic and one poison record, so that lazily created series exist).
     */
    @Test
    void everyMetricTheDashboardAndAlertsUseIsExposed() throws Exception {
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.TELEPHONY_CALLS, "poison-" + UUID.randomUUID(),
                "{not json", Map.of());
        Set<String> used = new TreeSet<>();
        Path observability = ServiceProcess.ROOT.resolve("deploy/observability");
        try (var files = Files.walk(observability)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yml")).toList()) {
                if (file.getFileName().toString().equals("prometheus.yml")) {
                    continue; // scrape configuration, no queries
                }
                Matcher m = METRIC.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertTrue(used.size() >= 10, "expected the dashboard and alerts to use at least 10 metrics: " + used);

        Set<String> missing = new TreeSet<>(used);
        Instant end = Instant.now().plusSeconds(60);
        Path dumps = ServiceProcess.ROOT.resolve("system-tests/target/metrics");
        Files.createDirectories(dumps);
        while (!missing.isEmpty() && Instant.now().isBefore(end)) {
            for (ServiceProcess s : platform.services()) {
                String text = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Files.writeString(dumps.resolve(s.name + ".txt"), text);
                for (String line : text.split("\n")) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        missing.remove(line.split("[{ ]", 2)[0]);
                    }
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        assertTrue(missing.isEmpty(), "used in deploy/observability but exposed by no service: " + missing
                + " (scrapes in system-tests/target/metrics)");
    }

    /** Metric names as the services expose them; labels, PromQL functions and Prometheus' own `up` do not match. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:jiesu|kafka_consumer|kafka_producer|http_server|jvm|process)_[a-z0-9_]+\\b");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String randomHex(int length) {
        StringBuilder hex = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (hex.length() < length) {
            hex.append(Integer.toHexString(random.nextInt(16)));
        }
        return hex.toString();
    }
}
