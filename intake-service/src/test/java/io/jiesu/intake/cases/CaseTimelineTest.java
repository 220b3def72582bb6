package io.jiesu.intake.cases;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseEscalated;
import io.jiesu.contract.event.CaseReopened;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.contract.event.WhistleBlown;
import io.jiesu.contract.event.WorkOrderUrged;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** One case's status and timeline follow every service's events; citizens, units and operators see their part. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class CaseTimelineTest {
    static <T> void publish(EventType<T> type, String caseId, T data) throws Exception {
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), type.topic(), caseId,
                Json.mapper().writeValueAsString(data), Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, type.type(), CloudEventHeaders.SOURCE, "/test",
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.SUBJECT, caseId));
    }

    static String get(String caseId, String field) {
        return given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .path(field);
    }

    @Test
    void dispatchWhistleAndEvaluationEventsAllReachTheTimeline() throws Exception {
        String caseId = Appeals.post(Appeals.unique()).then().statusCode(201).extract().path("caseId");
        Instant now = Instant.now();
        publish(EventCatalog.CASE_DISPATCHED, caseId, new CaseDispatched(caseId, "110101001",
                Enums.DispatchMode.DIRECT, "territorial-default", "属地", now, now.plusSeconds(7200),
                now.plusSeconds(3600), now.plusSeconds(86400), Enums.Urgency.URGENT, Enums.AppealType.COMPLAINT,
                "HEATING", "110101", "110101001"));
        publish(EventCatalog.WHISTLE_BLOWN, caseId, new WhistleBlown("W-1", caseId, "110101001",
                List.of("ENT_HEATING", "DEPT_HOUSING"), "暖气不热", "需要热力公司和住建委", null, Enums.Urgency.URGENT,
                now, now.plusSeconds(1800)));
        publish(EventCatalog.WORK_ORDER_URGED, caseId, new WorkOrderUrged(caseId, "110101001", List.of("110101001"),
                "dongcheng-coordinator", "district", "110101", "请今日内联系诉求人", 1, "DISPATCHED", false, 1, now));
        publish(EventCatalog.VISIT_RECORDED, caseId, new VisitRecorded(caseId, "V-1", now, true, true,
                Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED, null));
        // three topics, consumed independently: wait until all three have arrived, in whatever order
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId).then()
                .body("status", equalTo("VISITED"))
                .body("unitCode", equalTo("110101001"))
                .body("timeline.kind", hasItems("RECEIVED", "DISPATCHED", "URGE", "WHISTLE_BLOWN", "VISIT_RECORDED")));
    }

    @Test
    void completionV2AReopeningAndALateVisitOfTheEarlierRound() throws Exception {
        String caseId = Appeals.post(Appeals.unique()).then().statusCode(201).extract().path("caseId");
        Instant now = Instant.now();
        publish(EventCatalog.CASE_DISPATCHED, caseId, new CaseDispatched(caseId, "110101001",
                Enums.DispatchMode.DIRECT, "territorial-default", "属地", now, now.plusSeconds(7200),
                now.plusSeconds(3600), now.plusSeconds(86400), Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT,
                "NOISE", "110101", "110101001"));
        publish(EventCatalog.CASE_COMPLETED_V2, caseId, new CaseCompletedV2(caseId, "110101001", now.plusSeconds(1),
                Enums.CompletionOutcome.CONDITIONS_BEING_CREATED, "已制定改造方案", "需要立项", "明年春季改造",
                java.time.LocalDate.now().plusDays(30), false, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(get(caseId, "status")));
        // the reopening is read before the visit that caused it (case.dispatch ahead of case.evaluation)
        publish(EventCatalog.CASE_REOPENED, caseId, new CaseReopened(caseId, "110101001", 2, "回访 of round 1: "
                + "UNRESOLVED", "V-R", now.plusSeconds(5), now.plusSeconds(7200), now.plusSeconds(9000),
                now.plusSeconds(86400)));
        publish(EventCatalog.CASE_ESCALATED, caseId, new CaseEscalated(caseId, "110101001",
                Enums.EscalationLevel.DISTRICT, "D110101", 2, 1, "回访 of round 1: UNRESOLVED", now.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DISPATCHED".equals(get(caseId, "status")));
        publish(EventCatalog.VISIT_RECORDED, caseId, new VisitRecorded(caseId, "V-R", now, true, true,
                Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED, "还是吵"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId).then()
                .body("timeline.kind", hasItems("COMPLETED", "REOPENED", "ESCALATED", "VISIT_RECORDED")));
        // the late visit of round 1 does not close the reopened case again
        org.junit.jupiter.api.Assertions.assertEquals("DISPATCHED", get(caseId, "status"));
    }

    @Test
    void aUnitSeesOnlyItsOwnCasesAndNeverAConfidentialCitizen() throws Exception {
        String body = Appeals.unique().replace("\"confidential\": false", "\"confidential\": true");
        String caseId = Appeals.post(body).then().statusCode(201).extract().path("caseId");
        Instant now = Instant.now();
        publish(EventCatalog.CASE_DISPATCHED, caseId, new CaseDispatched(caseId, "110101001",
                Enums.DispatchMode.DIRECT, "territorial-default", "属地", now, now, now, now, Enums.Urgency.URGENT,
                Enums.AppealType.COMPLAINT, "HEATING", "110101", "110101001"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DISPATCHED".equals(get(caseId, "status")));
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).get("/api/v1/cases/" + caseId)
                .then().statusCode(200).body("citizen.phone", nullValue()).body("citizen.name", nullValue());
        given().header("Authorization", TestTokens.bearer("unit", "110101002")).get("/api/v1/cases/" + caseId)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", "110101002")).get("/api/v1/cases/NO-SUCH")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .then().statusCode(200).body("citizen.phone", not(nullValue()));
    }

    @Test
    void aCitizenLooksUpACaseWithItsNumberAndPhoneAndOperatorsSearch() {
        String phone = Appeals.randomPhone();
        String body = Appeals.unique().replaceFirst("\"phone\": \"[0-9]+\"", "\"phone\": \"" + phone + "\"");
        String caseId = Appeals.post(body).then().statusCode(201).extract().path("caseId");
        given().header("Authorization", TestTokens.bearer("telephony")).contentType(ContentType.JSON)
                .body("{\"caseId\": \"" + caseId + "\", \"phone\": \"" + phone + "\"}").post("/api/v1/case-lookups")
                .then().statusCode(200).body("status", equalTo("RECEIVED")).body("citizen", nullValue());
        given().header("Authorization", TestTokens.bearer("telephony")).contentType(ContentType.JSON)
                .body("{\"caseId\": \"" + caseId + "\", \"phone\": \"13000000000\"}").post("/api/v1/case-lookups")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("operator")).queryParam("phone", phone)
                .queryParam("categoryCode", "HEATING").queryParam("districtCode", "110101")
                .queryParam("from", "2026-01-01").queryParam("to", "2099-12-31")
                .get("/api/v1/cases").then().statusCode(200).body("caseId", hasItem(caseId));
        given().header("Authorization", TestTokens.bearer("operator")).queryParam("from", "2026-02-01")
                .queryParam("to", "2026-01-01").get("/api/v1/cases").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).get("/api/v1/cases")
                .then().statusCode(403);
    }
}
