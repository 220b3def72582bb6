package io.jiesu.whistle.whistle;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.WhistleEscalated;
import io.jiesu.platform.timer.TimerPoller;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.jiesu.whistle.lead.CaseLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 街乡吹哨、部门报到 through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "whistle"))
class WhistleTest {
    static final String STREET = "110101001"; // 东华门街道, 东城区

    @Inject
    CaseLeads leads;
    @Inject
    TimerPoller poller;

    @AfterEach
    void pollerRuns() {
        poller.start();
    }

    static RequestSpecification as(String role, String unit) {
        return given().header("Authorization", TestTokens.bearer(role, unit)).contentType(ContentType.JSON);
    }

    static void policy(String urgency, int reportIn, int district) {
        as("admin", null).body(Map.of("reportInSeconds", reportIn, "districtEscalationSeconds", district))
                .put("/api/v1/admin/report-in-policy/" + urgency).then().statusCode(200);
    }

    /** Dispatch says: this case is led by {@code unit}. */
    String caseLedBy(String unit) throws Exception {
        return caseLedBy(unit, "C-W-" + UUID.randomUUID());
    }

    String caseLedBy(String unit, String caseId) throws Exception {
        Instant now = Instant.now();
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.CASE_DISPATCH, caseId,
                Json.mapper().writeValueAsString(new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT,
                        "territorial-default", "属地", now, now, now, now, Enums.Urgency.URGENT,
                        Enums.AppealType.COMPLAINT, "HEATING", "110101", unit)),
                Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, EventCatalog.CASE_DISPATCHED.type(),
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.SOURCE, "/test",
                        CloudEventHeaders.TIME, now.toString(), CloudEventHeaders.SUBJECT, caseId));
        await().atMost(Duration.ofSeconds(30)).until(() -> leads.leadOf(caseId).isPresent());
        return caseId;
    }

    static String blowBody(String caseId, List<String> summoned, String urgency) {
        return Json.mapper().createObjectNode()
                .put("caseId", caseId)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("summonedUnitCodes",
                        Json.mapper().valueToTree(summoned))
                .put("matter", "小区供暖管线破裂，多栋楼没有暖气")
                .put("reason", "管线归热力集团，道路开挖需住建委审批，超出街道权限")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("location", Json.mapper().valueToTree(
                        Map.of("districtCode", "110101", "streetCode", STREET, "address", "南池子大街12号院")))
                .put("urgency", urgency).toString();
    }

    static String blow(String caseId, List<String> summoned, String urgency) {
        return as("unit", STREET).body(blowBody(caseId, summoned, urgency)).post("/api/v1/whistles").then()
                .statusCode(201).extract().path("whistleId");
    }

    static void reportIn(String whistleId, String unit, int status) {
        as("unit", unit).body(Map.of("responsiblePerson", "张科长", "commitment", "今晚派抢修队到场"))
                .post("/api/v1/whistles/" + whistleId + "/reports").then().statusCode(status);
    }

    @Test
    void theLeadSummonsDepartmentsWhoGetItInTheirInboxAndReportIn() throws Exception {
        policy("URGENT", 1800, 3600);
        String caseId = caseLedBy(STREET);
        try (KafkaProbe probe = KafkaProbe.follow("unit\\.(ENT_HEATING|DEPT_HOUSING)\\.inbox|case\\.whistle")) {
            String id = blow(caseId, List.of("ENT_HEATING", "DEPT_HOUSING"), "URGENT");
            ConsumerRecord<String, String> summons = probe.awaitOne(r -> r.topic().equals("unit.ENT_HEATING.inbox")
                    && r.value().contains(id), Duration.ofSeconds(30));
            assertEquals(EventCatalog.INBOX_SUMMONS.type(), KafkaProbe.header(summons, CloudEventHeaders.TYPE));
            probe.awaitOne(r -> r.topic().equals("unit.DEPT_HOUSING.inbox") && r.value().contains(id),
                    Duration.ofSeconds(30));
            probe.awaitOne(r -> caseId.equals(r.key()) && KafkaProbe.ofType(EventCatalog.WHISTLE_BLOWN.type()).test(r),
                    Duration.ofSeconds(30));

            reportIn(id, "ENT_HEATING", 201);
            as("unit", STREET).get("/api/v1/whistles/" + id).then().statusCode(200)
                    .body("notReportedIn", contains("DEPT_HOUSING"))
                    .body("summons.find { it.unitCode == 'ENT_HEATING' }.late", equalTo(false));
            reportIn(id, "ENT_HEATING", 409);
            reportIn(id, "DEPT_WATER", 403);
            as("unit", "DEPT_WATER").get("/api/v1/whistles/" + id).then().statusCode(403);
            reportIn(id, "DEPT_HOUSING", 201);
            as("unit", "DEPT_HOUSING").get("/api/v1/whistles/" + id).then().statusCode(200)
                    .body("notReportedIn", empty());
            probe.await(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.WHISTLE_REPORTED_IN.type()).test(r), 2, Duration.ofSeconds(30));
        }
    }

    @Test
    void theIntegratorsExamplesAreAccepted() throws Exception {
        java.nio.file.Path examples = java.nio.file.Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples");
        String whistle = java.nio.file.Files.readString(examples.resolve("whistle.json"));
        caseLedBy(STREET, Json.mapper().readTree(whistle).get("caseId").asText());
        String id = as("unit", STREET).body(whistle).post("/api/v1/whistles").then().statusCode(201)
                .extract().path("whistleId");
        as("unit", "ENT_HEATING").body(java.nio.file.Files.readString(examples.resolve("whistle-report.json")))
                .post("/api/v1/whistles/" + id + "/reports").then().statusCode(201);
    }

    @Test
    void onlyTheLeadStreetMayWhistleAndOnlyOnDepartments() throws Exception {
        String caseId = caseLedBy(STREET);
        as("unit", "110101002").body(blowBody(caseId, List.of("DEPT_HOUSING"), "NORMAL")).post("/api/v1/whistles")
                .then().statusCode(403);
        as("unit", "DEPT_HOUSING").body(blowBody(caseId, List.of("DEPT_WATER"), "NORMAL")).post("/api/v1/whistles")
                .then().statusCode(403);
        as("unit", STREET).body(blowBody(caseId, List.of(STREET), "NORMAL")).post("/api/v1/whistles")
                .then().statusCode(422).body("detail", containsString("may not summon itself"));
        as("unit", STREET).body(blowBody(caseId, List.of("DEPT_NOPE", "110101002"), "NORMAL"))
                .post("/api/v1/whistles").then().statusCode(422)
                .body("errors.message", hasItem(containsString("unknown unit 'DEPT_NOPE'")))
                .body("errors.message", hasItem(containsString("110101002 is a STREET")));
        as("unit", "110101002").body(blowBody(null, List.of("DEPT_HOUSING"), "NORMAL")).post("/api/v1/whistles")
                .then().statusCode(422).body("detail", containsString("own area"));
        as("unit", STREET).body(blowBody(null, List.of("DEPT_HOUSING"), "NORMAL")).post("/api/v1/whistles")
                .then().statusCode(201);
        as("unit", STREET).body("{\"summonedUnitCodes\": []}").post("/api/v1/whistles").then().statusCode(400)
                .body("errors.field", hasItem("summonedUnitCodes"));
        as("operator", null).body(blowBody(caseId, List.of("DEPT_HOUSING"), "NORMAL")).post("/api/v1/whistles")
                .then().statusCode(403);
    }

    @Test
    void aReportAfterTheDeadlineIsAcceptedAndMarkedLate() throws Exception {
        policy("URGENT", 1, 3600);
        String id = blow(caseLedBy(STREET), List.of("DEPT_WATER"), "URGENT");
        Thread.sleep(1500);
        reportIn(id, "DEPT_WATER", 201);
        as("unit", STREET).get("/api/v1/whistles/" + id).then()
                .body("summons[0].late", equalTo(true));
        policy("URGENT", 1800, 3600);
    }

    @Test
    void missingReportsEscalateToTheDistrictThenTheCityExactlyOnceAcrossARestartAndRacingPollers()
            throws Exception {
        policy("NORMAL", 1, 1);
        poller.stop(); // the service is down while the deadline passes
        try (KafkaProbe probe = KafkaProbe.follow("case\\.whistle|unit\\.(D110101|CITY)\\.inbox")) {
            String id = blow(caseLedBy(STREET), List.of("DEPT_CITY_MGMT", "DEPT_ECOLOGY"), "NORMAL");
            reportIn(id, "DEPT_ECOLOGY", 201);
            Thread.sleep(1500);
            // two pollers race for the due timer; restart = the service polls again
            var a = CompletableFuture.supplyAsync(() -> poller.pollOnce("instance-a"));
            var b = CompletableFuture.supplyAsync(() -> poller.pollOnce("instance-b"));
            a.get();
            b.get();
            Thread.sleep(1500);
            poller.start();

            ConsumerRecord<String, String> district = probe.awaitOne(r -> r.value().contains(id)
                    && KafkaProbe.ofType(EventCatalog.WHISTLE_ESCALATED.type()).test(r)
                    && r.value().contains("\"level\":\"DISTRICT\""), Duration.ofSeconds(30));
            WhistleEscalated e = Json.mapper().readValue(district.value(), WhistleEscalated.class);
            assertEquals(List.of("DEPT_CITY_MGMT"), e.missingUnitCodes());
            assertEquals("D110101", e.escalatedToUnitCode());
            probe.awaitOne(r -> r.value().contains(id) && r.value().contains("\"level\":\"CITY\""),
                    Duration.ofSeconds(30));
            probe.awaitOne(r -> r.topic().equals("unit.D110101.inbox") && r.value().contains(id),
                    Duration.ofSeconds(30));
            probe.awaitOne(r -> r.topic().equals("unit.CITY.inbox") && r.value().contains(id),
                    Duration.ofSeconds(30));

            poller.stop();
            poller.pollOnce("after-restart");
            poller.start();
            List<ConsumerRecord<String, String>> escalations = probe.collect(r -> r.value().contains(id)
                    && KafkaProbe.ofType(EventCatalog.WHISTLE_ESCALATED.type()).test(r), Duration.ofSeconds(4));
            assertEquals(2, escalations.size(), "one district and one city escalation, never more");
            as("reviewer", null).get("/api/v1/whistles/" + id).then().body("escalationLevel", equalTo("CITY"));
        } finally {
            policy("NORMAL", 86400, 86400);
        }
    }

    @Test
    void theLeadClosesAndNothingEscalatesAfterwards() throws Exception {
        policy("URGENT", 1, 1);
        try (KafkaProbe probe = KafkaProbe.follow("case\\.whistle")) {
            String caseId = caseLedBy(STREET);
            String id = blow(caseId, List.of("DEPT_TRANSPORT"), "URGENT");
            as("unit", "DEPT_TRANSPORT").body(Map.of("outcome", "x")).post("/api/v1/whistles/" + id + "/close")
                    .then().statusCode(403);
            as("unit", STREET).body(Map.of("outcome", "热力集团连夜抢修，已恢复供暖")).post("/api/v1/whistles/" + id + "/close")
                    .then().statusCode(200).body("status", equalTo("CLOSED"));
            as("unit", STREET).body(Map.of("outcome", "again")).post("/api/v1/whistles/" + id + "/close")
                    .then().statusCode(409);
            reportIn(id, "DEPT_TRANSPORT", 409);
            probe.awaitOne(r -> KafkaProbe.ofType(EventCatalog.WHISTLE_CLOSED.type()).test(r)
                    && r.value().contains(id), Duration.ofSeconds(30));
            assertEquals(0, probe.collect(r -> r.value().contains(id)
                    && KafkaProbe.ofType(EventCatalog.WHISTLE_ESCALATED.type()).test(r), Duration.ofSeconds(3)).size());
        } finally {
            policy("URGENT", 1800, 3600);
        }
    }

    @Test
    void attendanceCountsInTimeLateAndMissedPerDepartment() throws Exception {
        policy("URGENT", 2, 3600);
        String id = blow(caseLedBy(STREET), List.of("DEPT_VETERANS", "DEPT_AGRICULTURE", "DEPT_CULTURE_TOURISM"),
                "URGENT");
        reportIn(id, "DEPT_VETERANS", 201);
        Thread.sleep(2500);
        reportIn(id, "DEPT_CULTURE_TOURISM", 201); // late
        policy("URGENT", 1800, 3600);
        String period = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        as("reviewer", null).queryParam("period", period).get("/api/v1/attendance").then().statusCode(200)
                .body("find { it.unitCode == 'DEPT_VETERANS' }.reportedInTime", equalTo(1))
                .body("find { it.unitCode == 'DEPT_CULTURE_TOURISM' }.late", equalTo(1))
                .body("find { it.unitCode == 'DEPT_AGRICULTURE' }.missed", equalTo(1))
                .body("find { it.unitCode == 'DEPT_AGRICULTURE' }.received", equalTo(1));
        as("unit", "DEPT_VETERANS").queryParam("unitCode", "DEPT_AGRICULTURE").get("/api/v1/attendance").then()
                .statusCode(403);
        as("reviewer", null).queryParam("period", "2026-13").get("/api/v1/attendance").then().statusCode(400);
        try (KafkaProbe probe = KafkaProbe.follow("case\\.whistle")) {
            as("admin", null).post("/api/v1/attendance/" + period + "/publish").then().statusCode(200);
            probe.awaitOne(r -> "DEPT_AGRICULTURE".equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.WHISTLE_ATTENDANCE.type()).test(r), Duration.ofSeconds(30));
        }
    }
}
