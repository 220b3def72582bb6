package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ProactiveWorkOrderRequested;
import io.jiesu.contract.event.RiskAlertClosed;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.contract.event.SupervisionTaskAssigned;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Risk that acts, through the real broker and database: intake's risk flag raises a DANGEROUS_KEYWORD alert; the alert
 * becomes a proactive work order (dispatch's event) and a supervision task, and closes only with a note.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class RiskAlertActionTest {
    static final String TOMORROW = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();

    static <T> T data(ConsumerRecord<String, String> r, Class<T> type) {
        try {
            return Json.mapper().readValue(r.value(), type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    @Test
    void anAlertFromIntakesFlagActsThroughAWorkOrderAndATaskAndClosesWithANote() {
        String caseId = "RA-GAS-1";
        String insightId;
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            Events.receive(caseId, bj("2025-08-02T08:00"), "GAS_LEAK", "110105", "110105001");
            Events.send(EventCatalog.RISK_FLAGGED, caseId, bj("2025-08-02T08:00"), new RiskFlagged(caseId, caseId,
                    "110105", "110105001", "GAS_LEAK", Enums.AppealType.REPORT,
                    List.of(new RiskFlagged.RiskWordMatch("燃气泄漏", "GAS")), bj("2025-08-02T08:00"),
                    bj("2025-08-02T08:00")));
            JsonNode alert = InsightsTest.data(probe.awaitOne(r -> KafkaProbe.ofType(EventCatalog.RISK_ALERT.type())
                    .test(r) && r.value().contains(caseId), Duration.ofSeconds(60)));
            insightId = alert.get("insightId").asText();
            assertEquals("DANGEROUS_KEYWORD", alert.get("kind").asText());
            String path = "/api/v1/risk-alerts/" + insightId;

            analyst().get(path).then().statusCode(200).body("status", equalTo("OPEN"))
                    .body("supervisorUnits", equalTo(List.of("D110105", "CITY")));
            // a district sees its own district's alert only; a unit none
            given().header("Authorization", TestTokens.districtBearer("110105")).get(path).then().statusCode(200);
            given().header("Authorization", TestTokens.districtBearer("110108")).get(path).then().statusCode(403);
            given().header("Authorization", TestTokens.districtBearer("110108"))
                    .get("/api/v1/risk-alerts?districtCode=110105").then().statusCode(403);
            given().header("Authorization", TestTokens.bearer("unit", "110105001")).get(path).then().statusCode(403);

            // a proactive work order: the event dispatch turns into a PROACTIVE order
            as(TestTokens.bearer("analyst")).body("{\"unitCode\": \"NOPE\", \"content\": \"x\", \"dueDate\": \"" + TOMORROW + "\"}")
                    .post(path + "/work-order").then().statusCode(422).body("field", equalTo("unitCode"));
            as(TestTokens.bearer("analyst")).body("{\"unitCode\": \"110105001\", \"content\": \"x\"}")
                    .post(path + "/work-order").then().statusCode(400);
            String proactiveCase = as(TestTokens.bearer("analyst")).body("{\"unitCode\": \"110105001\", "
                    + "\"content\": \"上门排查楼内燃气管线\", \"dueDate\": \"" + TOMORROW + "\"}")
                    .post(path + "/work-order").then().statusCode(201).body("status", equalTo("ACTING"))
                    .extract().path("action.actionId");
            ProactiveWorkOrderRequested pwo = data(probe.awaitOne(r -> proactiveCase.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED.type()).test(r),
                    Duration.ofSeconds(30)), ProactiveWorkOrderRequested.class);
            assertEquals("110105001", pwo.unitCode());
            assertEquals("GAS_LEAK", pwo.categoryCode());
            assertEquals("110105", pwo.location().districtCode());
            assertEquals(TOMORROW, pwo.dueDate().toString());

            // a supervision task for the district's supervisors (by the district itself); not another district's
            as(TestTokens.districtBearer("110105")).body("{\"supervisorUnit\": \"D110108\", \"note\": \"x\", \"dueDate\": \""
                    + TOMORROW + "\"}").post(path + "/tasks").then().statusCode(422);
            String taskId = as(TestTokens.districtBearer("110105")).body("{\"supervisorUnit\": \"D110105\", "
                    + "\"note\": \"协调街道当日上门\", \"dueDate\": \"" + TOMORROW + "\"}")
                    .post(path + "/tasks").then().statusCode(201).extract().path("action.actionId");
            SupervisionTaskAssigned task = data(probe.awaitOne(r -> insightId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.SUPERVISION_TASK_ASSIGNED.type()).test(r),
                    Duration.ofSeconds(30)), SupervisionTaskAssigned.class);
            assertEquals(taskId, task.taskId());
            assertEquals("D110105", task.supervisorUnit());
            assertEquals(List.of(caseId), task.caseIds());
            // the district reads its tasks (with the alert, now ACTING); another district none of them
            given().header("Authorization", TestTokens.districtBearer("110105")).get("/api/v1/supervision-tasks")
                    .then().statusCode(200).body("find { it.taskId == '" + taskId + "' }.alert.status",
                            equalTo("ACTING"));
            given().header("Authorization", TestTokens.districtBearer("110108")).get("/api/v1/supervision-tasks")
                    .then().statusCode(200).body("taskId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(taskId)));
            given().header("Authorization", TestTokens.districtBearer("110108"))
                    .get("/api/v1/supervision-tasks?supervisorUnit=D110105").then().statusCode(403);
            given().header("Authorization", TestTokens.bearer("leader"))
                    .get("/api/v1/supervision-tasks?supervisorUnit=D110105").then().statusCode(200)
                    .body("taskId", org.hamcrest.Matchers.hasItem(taskId));
            analyst().get("/api/v1/supervision-tasks?supervisorUnit=x'--").then().statusCode(400);
            given().header("Authorization", TestTokens.bearer("unit", "110105001")).get("/api/v1/supervision-tasks")
                    .then().statusCode(403);
            // leaders see the dashboard too
            given().header("Authorization", TestTokens.bearer("leader")).get("/api/v1/dashboard").then().statusCode(200);

            // closing needs a note
            as(TestTokens.bearer("reviewer")).body("{}").post(path + "/close").then().statusCode(400);
            as(TestTokens.bearer("reviewer")).body("{\"note\": \"  \"}").post(path + "/close").then().statusCode(400);
            as(TestTokens.bearer("reviewer")).post(path + "/close").then().statusCode(400);
            given().header("Authorization", TestTokens.bearer("reviewer")).post(path + "/close").then().statusCode(400)
                    .body("field", equalTo("note"));
            as(TestTokens.bearer("reviewer")).body("{\"note\": \"燃气公司已关阀维修，无人员伤亡\"}").post(path + "/close")
                    .then().statusCode(200).body("status", equalTo("CLOSED")).body("closedBy", equalTo("test-reviewer"))
                    .body("closeNote", equalTo("燃气公司已关阀维修，无人员伤亡")).body("actions", hasSize(2));
            RiskAlertClosed closed = data(probe.awaitOne(r -> insightId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.RISK_ALERT_CLOSED.type()).test(r),
                    Duration.ofSeconds(30)), RiskAlertClosed.class);
            assertEquals(List.of(proactiveCase), closed.workOrderCaseIds());
            assertEquals(List.of(taskId), closed.taskIds());
            assertEquals("燃气公司已关阀维修，无人员伤亡", closed.note());
        }
        String path = "/api/v1/risk-alerts/" + insightId;
        as(TestTokens.bearer("analyst")).body("{\"note\": \"again\"}").post(path + "/close").then().statusCode(409);
        as(TestTokens.bearer("analyst")).body("{\"unitCode\": \"110105001\", \"content\": \"x\", \"dueDate\": \""
                + TOMORROW + "\"}").post(path + "/work-order").then().statusCode(409);
        analyst().get("/api/v1/risk-alerts?status=CLOSED&kind=DANGEROUS_KEYWORD").then().statusCode(200)
                .body("insightId", org.hamcrest.Matchers.hasItem(insightId));
        analyst().get("/api/v1/risk-alerts?status=DONE").then().statusCode(400);
        analyst().get("/api/v1/risk-alerts/RA-none").then().statusCode(404);
    }
}
