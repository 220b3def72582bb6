package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 每月一题 from candidates to adoption, three lists, tracking and a proactive work order (未诉先办); focus matters. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class MonthlyTopicTest {
    static final String SJS = "110107"; // 石景山区
    static final String ST = "110107001";

    @Test
    void aTopicFromCandidateToProactiveWorkOrder() throws Exception {
        Events.receive("MT0", bj("2024-11-20T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("MT1", bj("2024-12-02T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("MT2", bj("2024-12-03T09:00"), "ELEVATOR", SJS, "110107002");
        Events.receive("MT3", bj("2024-12-04T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("MT4", bj("2024-12-05T09:00"), "DRAINAGE", SJS, ST);
        Events.receive("MT5", bj("2024-12-06T09:00"), "DRAINAGE", SJS, ST);
        Events.visit("MT1", bj("2024-12-10T09:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED);
        Events.visit("MT4", bj("2024-12-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
        Events.visit("MT5", bj("2024-12-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/quality?by=category&from=2024-12-01&to=2024-12-31").then()
                .body("find { it.key == 'DRAINAGE' }.visits", equalTo(2))
                .body("find { it.key == 'ELEVATOR' }.visits", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/daily?from=2024-11-01&to=2024-12-31&districtCode=" + SJS).then()
                .body("count.sum()", equalTo(6)));

        // DRAINAGE: 0.5·2/3 + 0.25·1 (new) + 0.25·1.0 = 0.8333; ELEVATOR: 0.5·1 + 0.25·min(2, 1) + 0 = 0.75
        analyst().get("/api/v1/monthly-topics/candidates?period=2024-12").then().statusCode(200)
                .body("categoryCode", contains("DRAINAGE", "ELEVATOR"))
                .body("score", contains(0.8333f, 0.75f))
                .body("[1].growth", equalTo(2.0f)).body("[0].growth", nullValue())
                .body("[0].dissatisfactionRate", equalTo(1.0f));

        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            analyst().post("/api/v1/monthly-topics/candidates/2024-12/propose?count=2").then().statusCode(200)
                    .body("$", hasSize(2));
            analyst().post("/api/v1/monthly-topics/candidates/2024-12/propose?count=2").then().statusCode(200)
                    .body("$", hasSize(0));
            probe.await(r -> KafkaProbe.ofType(EventCatalog.MONTHLY_TOPIC_PROPOSED.type()).test(r)
                    && r.value().contains("\"2024-12\""), 2, Duration.ofSeconds(30));

            String topicId = analyst().contentType(ContentType.JSON).body(Map.of("period", "2024-12",
                            "categoryCode", "ELEVATOR", "districtCode", SJS, "title", "老旧电梯故障治理",
                            "plan", "排查辖区老旧电梯，建立维保责任清单"))
                    .post("/api/v1/monthly-topics").then().statusCode(201)
                    .body("problems.caseId", contains("MT1", "MT2", "MT3")).extract().path("topicId");
            assertEquals("MT-2024-12-ELEVATOR", topicId);
            analyst().contentType(ContentType.JSON).body(Map.of("period", "2024-12", "categoryCode", "ELEVATOR",
                    "title", "again", "plan", "again")).post("/api/v1/monthly-topics").then().statusCode(409);
            String taskId = analyst().contentType(ContentType.JSON).body(Map.of("unitCode", ST,
                            "description", "检查鲁谷小区3台电梯", "dueDate", "2025-01-31", "districtCode", SJS,
                            "streetCode", ST))
                    .post("/api/v1/monthly-topics/" + topicId + "/tasks").then().statusCode(201)
                    .extract().path("taskId");
            analyst().contentType(ContentType.JSON).body(Map.of("title", "《北京市电梯安全管理办法》", "note", "维保责任"))
                    .post("/api/v1/monthly-topics/" + topicId + "/policies").then().statusCode(201)
                    .body("policies.title", contains("《北京市电梯安全管理办法》"));

            String caseId = analyst().post("/api/v1/monthly-topics/" + topicId + "/tasks/" + taskId
                    + "/proactive-work-order").then().statusCode(201).body("caseId", startsWith("P"))
                    .extract().path("caseId");
            analyst().post("/api/v1/monthly-topics/" + topicId + "/tasks/" + taskId + "/proactive-work-order")
                    .then().statusCode(409).body("caseId", equalTo(caseId));
            ConsumerRecord<String, String> req = probe.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED.type()).test(r),
                    Duration.ofSeconds(30));
            JsonNode data = Json.mapper().readTree(req.value());
            assertEquals(ST, data.get("unitCode").asText());
            assertEquals(topicId, data.get("topicId").asText());
            assertEquals("ELEVATOR", data.get("categoryCode").asText());
            assertEquals("2025-01-31", data.get("dueDate").asText());
            assertEquals(ST, data.get("location").get("streetCode").asText());

            analyst().get("/api/v1/monthly-topics/" + topicId).then().statusCode(200)
                    .body("tasks[0].proactiveCaseId", equalTo(caseId));
            analyst().get("/api/v1/monthly-topics/" + topicId + "/tracking").then().statusCode(200)
                    .body("months.month", contains("2024-11", "2024-12")).body("months.cases", contains(1, 3));
        }
    }

    @Test
    void focusMattersHaveTheirOwnView() {
        Events.publishedScheme();
        Events.receive("FM1", bj("2024-10-02T09:00"), "GARBAGE_SORTING", SJS, ST);
        Events.receive("FM2", bj("2024-10-02T10:00"), "GARBAGE_CLEARANCE", SJS, ST);
        Events.receive("FM3", bj("2024-10-03T09:00"), "PROPERTY_FEE", "110112", "110112001");
        Events.visit("FM1", bj("2024-10-05T09:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/focus-matters?from=2024-10-01&to=2024-10-31").then().statusCode(200)
                .body("matters.find { it.matter == 'GARBAGE_SORTING' }.visits", equalTo(1))
                .body("matters.find { it.matter == 'GARBAGE_SORTING' }.cases", equalTo(2))
                .body("matters.find { it.matter == 'PROPERTY_MANAGEMENT' }.cases", equalTo(1)));
        analyst().get("/api/v1/focus-matters?from=2024-10-01&to=2024-10-31").then()
                .body("matters.find { it.matter == 'GARBAGE_SORTING' }.cases", equalTo(2))
                .body("matters.find { it.matter == 'GARBAGE_SORTING' }.byDay.count", contains(2))
                .body("matters.find { it.matter == 'GARBAGE_SORTING' }.byDistrict[0].name", equalTo("石景山区"))
                .body("matters.find { it.matter == 'GARBAGE_SORTING' }.resolutionRate", equalTo(1.0f))
                .body("matters.find { it.matter == 'EPIDEMIC_PREVENTION' }.cases", equalTo(0));
    }
}
