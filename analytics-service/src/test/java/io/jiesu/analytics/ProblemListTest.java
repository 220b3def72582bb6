package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.Enums;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The year's problem list (年度问题清单) end to end: appeals of 2021 through case.intake/case.evaluation → proposal for
 * 2022 (entries with evidence, problem-proposed once each) → adoption (403 analyst, 422 non-department lead,
 * problem-adopted) → progress by the lead department → monthly figures of 2022 and a monthly topic in its month.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class ProblemListTest {
    static final String SJS = "110107"; // 石景山区
    static final String ST = "110107001";
    static final String TZ = "110112"; // 通州区
    static final String ELEVATOR = "PL-2022-ELEVATOR-110107";
    static final String FEE = "PL-2022-PROPERTY_FEE-110112";

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    static RequestSpecification unit(String unitCode) {
        return given().header("Authorization", TestTokens.bearer("unit", unitCode));
    }

    @Test
    void proposeAdoptTrack() throws Exception {
        // the evidence window for 2022 is 2021-01..2021-12 (the year is past)
        Events.receive("PLE0", bj("2020-12-31T09:00"), "ELEVATOR", SJS, ST);   // before the window
        Events.receive("PLE1", bj("2021-03-02T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("PLE2", bj("2021-03-15T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("PLE3", bj("2021-04-10T09:00"), "ELEVATOR", SJS, "110107002");
        Events.receive("PLE4", bj("2021-05-20T09:00"), "ELEVATOR", SJS, ST);
        Events.send(EventCatalog.CASE_LINKED, "PLE1", bj("2021-03-04T09:00"), new CaseLinked("PLE1", "A-PLE1-2",
                "ext-PLE1-2", Enums.LinkReason.SAME_CALLER, bj("2021-03-04T09:00"), "电梯还是坏的"));
        Events.visit("PLE1", bj("2021-03-20T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
        Events.visit("PLE2", bj("2021-03-25T09:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED);
        Events.receive("PLP1", bj("2021-01-05T09:00"), "PROPERTY_FEE", TZ, "110112001");
        Events.receive("PLP2", bj("2021-02-06T09:00"), "PROPERTY_FEE", TZ, "110112001");
        Events.receive("PLP3", bj("2021-02-07T09:00"), "PROPERTY_FEE", TZ, "110112001");
        for (String id : List.of("PLD1", "PLD2", "PLD3")) { // 3 appeals in one month: a spike, not a lasting problem
            Events.receive(id, bj("2021-06-10T09:00"), "DRAINAGE", SJS, ST);
        }
        // the tracked year: ELEVATOR in 石景山 1 in January, none in February, 2 in March; one elsewhere
        Events.receive("PLE5", bj("2022-01-10T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("PLE6", bj("2022-03-03T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("PLE7", bj("2022-03-04T09:00"), "ELEVATOR", SJS, ST);
        Events.receive("PLX1", bj("2022-01-11T09:00"), "ELEVATOR", "110108", "110108001");

        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            // proposing is idempotent, so it can be repeated until the read model has every event:
            // ELEVATOR × 石景山: 4 appeals in 3 months, 1 with a repeat appeal, 1 of 2 visits DISSATISFIED;
            // PROPERTY_FEE × 通州: 3 in 2 months; DRAINAGE (1 month) and ELEVATOR × 海淀 (2022) are not proposed
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("analyst")
                    .post("/api/v1/problem-list/2022/proposals?area=district").then().statusCode(200)
                    .body("windowFrom", equalTo("2021-01")).body("windowTo", equalTo("2021-12"))
                    .body("ranked", contains(ELEVATOR, FEE))
                    .body("entries[0].evidence.appeals", equalTo(4))
                    .body("entries[0].evidence.monthsWithAppeals", equalTo(3))
                    .body("entries[0].evidence.repeatCases", equalTo(1))
                    .body("entries[0].evidence.repeatRate", equalTo(0.25f))
                    .body("entries[0].evidence.visits", equalTo(2))
                    .body("entries[0].evidence.dissatisfactionRate", equalTo(0.5f))
                    .body("entries[0].evidence.baselineMonthAverage", equalTo(0.3333f))
                    .body("entries[0].title", equalTo("石景山区电梯问题治理"))
                    .body("entries[1].evidence.appeals", equalTo(3)));
            as("leader").post("/api/v1/problem-list/2022/proposals?area=district").then().statusCode(200)
                    .body("newlyProposed", hasSize(0)).body("entries", hasSize(2));
            probe.await(r -> KafkaProbe.ofType(EventCatalog.PROBLEM_PROPOSED.type()).test(r), 2, Duration.ofSeconds(30));
            assertEquals(2, probe.collect(KafkaProbe.ofType(EventCatalog.PROBLEM_PROPOSED.type()),
                    Duration.ofSeconds(2)).size(), "once per entry");

            // the documented request: lead DEPT_MARKET, co-units DEPT_HOUSING and 鲁谷, target −20 %, two tasks
            @SuppressWarnings("unchecked")
            Map<String, Object> adoption = Json.mapper().readValue(Files.readString(Path.of(
                    System.getProperty("jiesu.docs.dir", "../docs"), "examples", "problem-adoption.json")), Map.class);
            as("analyst").contentType(ContentType.JSON).body(adoption)
                    .post("/api/v1/problem-list/entries/" + ELEVATOR + "/adopt").then().statusCode(403);
            Map<String, Object> streetLead = new java.util.HashMap<>(adoption);
            streetLead.put("leadUnitCode", ST); // a street/town is no lead department
            as("leader").contentType(ContentType.JSON).body(streetLead)
                    .post("/api/v1/problem-list/entries/" + ELEVATOR + "/adopt").then().statusCode(422)
                    .contentType("application/problem+json");
            as("leader").contentType(ContentType.JSON).body(adoption)
                    .post("/api/v1/problem-list/entries/" + ELEVATOR + "/adopt").then().statusCode(200)
                    .body("status", equalTo("ADOPTED")).body("leadUnitCode", equalTo("DEPT_MARKET"))
                    .body("tasks.taskNo", contains(1, 2)).body("policies.title", contains("《北京市电梯安全管理办法》"))
                    .body("responsibilities.role", contains("LEAD", "CO_UNIT", "CO_UNIT"))
                    .body("responsibilities[0].taskNos", contains(1)).body("responsibilities[1].taskNos", contains(2));
            as("leader").contentType(ContentType.JSON).body(adoption)
                    .post("/api/v1/problem-list/entries/" + ELEVATOR + "/adopt").then().statusCode(409);
            ConsumerRecord<String, String> adopted = probe.awaitOne(r -> ELEVATOR.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.PROBLEM_ADOPTED.type()).test(r), Duration.ofSeconds(30));
            JsonNode data = Json.mapper().readTree(adopted.value());
            assertEquals("DEPT_MARKET", data.get("leadUnitCode").asText());
            assertEquals(2, data.get("tasks").size());
            assertEquals(20.0, data.get("targetReductionPct").asDouble());

            // a new proposal leaves the adopted entry as it is
            as("analyst").post("/api/v1/problem-list/2022/proposals?area=district").then().statusCode(200)
                    .body("entries.find { it.entryId == '" + ELEVATOR + "' }.status", equalTo("ADOPTED"))
                    .body("entries.find { it.entryId == '" + ELEVATOR + "' }.workPlan", equalTo(adoption.get("workPlan")));
        }

        // progress: only the lead department's token (or a leader) reports
        Map<String, Object> report = Map.of("month", "2022-01", "note", "完成全区电梯排查 120 台", "tasksDone", List.of(1));
        unit("DEPT_HOUSING").contentType(ContentType.JSON).body(report)
                .post("/api/v1/problem-list/entries/" + ELEVATOR + "/progress").then().statusCode(403);
        unit("DEPT_MARKET").contentType(ContentType.JSON).body(Map.of("month", "2023-01", "note", "x"))
                .post("/api/v1/problem-list/entries/" + ELEVATOR + "/progress").then().statusCode(422);
        unit("DEPT_MARKET").contentType(ContentType.JSON).body(report)
                .post("/api/v1/problem-list/entries/" + ELEVATOR + "/progress").then().statusCode(200)
                .body("tasks[0].doneMonth", equalTo("2022-01")).body("tasks[1].doneMonth", nullValue());

        // 每月一题 under the entry; not under an entry that is only PROPOSED
        analyst().contentType(ContentType.JSON).body(Map.of("period", "2022-03", "categoryCode", "ELEVATOR",
                        "districtCode", SJS, "title", "老旧电梯故障治理", "plan", "逐台排查", "problemEntryId", ELEVATOR))
                .post("/api/v1/monthly-topics").then().statusCode(201).body("problemEntryId", equalTo(ELEVATOR));
        analyst().contentType(ContentType.JSON).body(Map.of("period", "2022-02", "categoryCode", "PROPERTY_FEE",
                        "title", "物业费", "plan", "x", "problemEntryId", FEE))
                .post("/api/v1/monthly-topics").then().statusCode(422);

        // baseline 4/12 a month, target −20 %: 4/12 · 0.8 = 0.2667. January 1: (1 − 1/3)/(1/3) = 2; February 0: −1 (on target);
        // March 2: (2 − 1/3)/(1/3) = 5
        unit("DEPT_MARKET").get("/api/v1/problem-list/entries/" + ELEVATOR).then().statusCode(200)
                .body("months", hasSize(12))
                .body("months[0].appeals", equalTo(1)).body("months[0].changeVsBaseline", equalTo(2.0f))
                .body("months[0].target", equalTo(0.2667f)).body("months[0].onTarget", equalTo(false))
                .body("months[0].progress.note", equalTo("完成全区电梯排查 120 台"))
                .body("months[0].progress.tasksDone", contains(1))
                .body("months[1].appeals", equalTo(0)).body("months[1].changeVsBaseline", equalTo(-1.0f))
                .body("months[1].onTarget", equalTo(true))
                .body("months[2].appeals", equalTo(2)).body("months[2].changeVsBaseline", equalTo(5.0f))
                .body("months[2].monthlyTopics", contains("MT-2022-03-ELEVATOR"));
        unit("DEPT_WATER").get("/api/v1/problem-list/entries/" + ELEVATOR).then().statusCode(403);

        // dropping needs a reason; a dropped entry stays dropped when proposing again
        as("leader").contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/problem-list/entries/" + FEE + "/drop").then().statusCode(400);
        as("leader").contentType(ContentType.JSON).body(Map.of("reason", "已纳入物业管理专项"))
                .post("/api/v1/problem-list/entries/" + FEE + "/drop").then().statusCode(200)
                .body("status", equalTo("DROPPED"));
        as("analyst").post("/api/v1/problem-list/2022/proposals?area=district").then().statusCode(200)
                .body("newlyProposed", hasSize(0));
        as("analyst").get("/api/v1/problem-list?year=2022").then().statusCode(200)
                .body("entryId", contains(ELEVATOR, FEE)).body("status", contains("ADOPTED", "DROPPED"));
        as("analyst").get("/api/v1/problem-list?year=22").then().statusCode(400);
    }

    @Test
    void theProposalThresholdsAreDataAnAdministratorChangesWithAReason() {
        String rule = "/api/v1/admin/problem-list/rule";
        as("analyst").get(rule).then().statusCode(200).body("minAppeals", equalTo(3)).body("minMonths", equalTo(2));
        as("analyst").contentType(ContentType.JSON).body(Map.of("top", 7)).put(rule).then().statusCode(403);
        as("admin").contentType(ContentType.JSON)
                .body(Map.of("top", 0, "minAppeals", 0, "minMonths", 13, "area", "STREET")).put(rule)
                .then().statusCode(422).body("problems", hasSize(5));
        as("admin").contentType(ContentType.JSON).body(Map.of("top", 7, "minAppeals", 3, "minMonths", 2,
                "area", "city", "reason", "领导小组：今年只列七个问题")).put(rule)
                .then().statusCode(200).body("source", equalTo("ADMIN")).body("top", equalTo(7))
                .body("area", equalTo("CITY")).body("updatedBy", equalTo("test-admin"));
        // the next proposal uses the stored rule (a year without data: nothing ranked, the thresholds echoed)
        as("analyst").post("/api/v1/problem-list/2031/proposals").then().statusCode(200)
                .body("thresholds.top", equalTo(7)).body("ranked", hasSize(0));
        as("admin").contentType(ContentType.JSON).body(Map.of("top", 10, "minAppeals", 3, "minMonths", 2,
                "area", "CITY", "reason", "恢复十个")).put(rule).then().statusCode(200);
        as("leader").get(rule + "/history").then().statusCode(200)
                .body("top", contains(10, 7)).body("reason[1]", equalTo("领导小组：今年只列七个问题"));
    }
}
