package io.jiesu.evaluation.governance;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CitizenContacted;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.jiesu.evaluation.scoring.ScoringTest.as;
import static io.jiesu.evaluation.scoring.ScoringTest.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three months of results through the real broker and database: the multi-month governance rule, the commendation
 * list (激励) and its event, a measure (督办/帮扶) assigned, progressed and completed, and district isolation.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "evaluation"))
class GovernanceTest {
    static final String A = "110101001", B = "110101002", C = "110101003", D = "110101004";
    static final String DISTRICT = "110101";
    static final String JAN = "2024-01", FEB = "2024-02", MAR = "2024-03";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    EntityManager em;

    /** One case of {@code unit} counted in {@code month}: contacted in time or late, completed on the 10th. */
    static void caseOf(String month, String unit, boolean late) throws Exception {
        String caseId = "C-G-" + RUN + "-" + month + "-" + unit;
        Instant start = YearMonth.parse(month).atDay(10).atTime(2, 0).toInstant(ZoneOffset.UTC);
        send(EventCatalog.CASE_DISPATCHED, caseId, new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT, "r",
                "r", start.minusSeconds(3600), start, start, start.plus(Duration.ofDays(5)), Enums.Urgency.NORMAL,
                Enums.AppealType.COMPLAINT, "NOISE", DISTRICT, unit));
        send(EventCatalog.CASE_CONTACTED, caseId, new CitizenContacted(caseId, unit, start.minusSeconds(60), "PHONE",
                null, late));
        send(EventCatalog.CASE_COMPLETED, caseId, new CaseCompleted(caseId, unit, start.plusSeconds(3600),
                Enums.Outcome.RESOLVED, "ok", null, false));
    }

    static JsonPath governance(String month, String bearer) {
        return given().header("Authorization", bearer).queryParam("month", month).get("/api/v1/governance").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void aStreetInTheBottomTwiceInThreeMonthsIsListedWithMeasuresAndTheBestAreCommended() throws Exception {
        // the scheme checks its rules: 422 with what is wrong
        String scheme = """
                {"version": "gov-%s", "effectiveFrom": "%s", "responseWeight": 0.30, "resolutionWeight": 0.35,
                 "satisfactionWeight": 0.35, "partlyResolvedCredit": 0.5, "basicallySatisfiedCredit": 0.8,
                 "attendanceWeight": 0.10, "lateReportCredit": 0.5, "minVolume": 1, "description": "governance test",
                 "governance": {"bottomN": 1, "inMonths": %d, "ofLastMonths": 3},
                 "commendation": {"topN": 1, "minCases": 1, "minCompositeScore": 0, "notOnGovernanceList": true}}""";
        as("admin", null).body(scheme.formatted(RUN, "2023-12", 4)).post("/api/v1/schemes").then().statusCode(422)
                .body("detail", containsString("governance.inMonths (4) cannot exceed governance.ofLastMonths (3)"));
        as("admin", null).body(scheme.formatted(RUN, JAN, 2)).post("/api/v1/schemes").then().statusCode(201)
                .body("governance.inMonths", equalTo(2)).body("commendation.topN", equalTo(1));

        // one case per street and month; only the response rate differs (no visits): in time 30 points, late 0.
        // Ties at 30 go by unit code, so the late street is the bottom 1 of its month:
        // January B (A 1, C 2, D 3, B 4), February C, March B.
        for (String[] m : new String[][] {{JAN, B}, {FEB, C}, {MAR, B}}) {
            for (String street : List.of(A, B, C, D)) {
                caseOf(m[0], street, street.equals(m[1]));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM eval_case WHERE case_id LIKE ?1 AND completed_at IS NOT NULL
                          AND contacted_at IS NOT NULL AND period IS NOT NULL""")
                        .setParameter(1, "C-G-" + RUN + "-%").getSingleResult()).intValue() == 12));
        as("reviewer", null).post("/api/v1/periods/" + JAN + "/calculations").then().statusCode(201);
        as("reviewer", null).post("/api/v1/periods/" + FEB + "/calculations").then().statusCode(201);
        // February: B (Jan) and C (Feb) were in the bottom once each → nobody listed yet
        assertEquals(List.of(), governance(FEB, TestTokens.bearer("leader")).getList("entries"));

        try (KafkaProbe probe = KafkaProbe.follow("evaluation\\.results")) {
            as("reviewer", null).post("/api/v1/periods/" + MAR + "/calculations").then().statusCode(201);
            // March, window January–March: B in the bottom in January and March → listed; C once → not
            JsonPath list = governance(MAR, TestTokens.bearer("leader"));
            assertEquals(List.of(B), list.getList("entries.unitCode"));
            assertEquals(List.of(JAN, MAR), list.getList("entries[0].bottomMonths"));
            assertEquals(4, list.getInt("entries[0].rank"));
            assertEquals("bottom 1 in 2 of the last 3 months (2024-01, 2024-03)", list.getString("entries[0].reasons[0]"));
            assertTrue(list.getString("rule").contains("in at least 2 of the last 3 months"));

            // the events: v1 (codes) for its readers, v2 with the reasons, the commendation list
            var v2 = probe.awaitOne(r -> MAR.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.GOVERNANCE_LIST_PUBLISHED_V2.type()).test(r), Duration.ofSeconds(30));
            assertEquals(2, Json.mapper().readTree(v2.value()).get("entries").get(0).get("bottomMonths").size());
            var v1 = probe.awaitOne(r -> MAR.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.GOVERNANCE_LIST_PUBLISHED.type()).test(r), Duration.ofSeconds(30));
            assertEquals(B, Json.mapper().readTree(v1.value()).get("unitCodes").get(0).asText());
            var commended = probe.awaitOne(r -> MAR.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.COMMENDATION_LIST_PUBLISHED.type()).test(r), Duration.ofSeconds(30));
            var units = Json.mapper().readTree(commended.value()).get("units");
            // top 1 of each group: the district D110101 (alone) and street A (30 points, first by code)
            assertEquals(2, units.size());
            assertEquals("D" + DISTRICT, units.get(0).get("unitCode").asText());
            assertEquals(A, units.get(1).get("unitCode").asText());
            as("analyst", null).queryParam("month", MAR).get("/api/v1/commendations").then().statusCode(200)
                    .body("units.unitCode", equalTo(List.of("D" + DISTRICT, A)));

            // a measure for B: only a listed street/town, a known responsible unit
            Map<String, Object> measure = Map.of("kind", "SUPPORT", "description", "帮扶：区政府协助整改",
                    "responsibleUnit", "D" + DISTRICT, "dueDate", LocalDate.now().minusDays(1).toString());
            as("leader", null).body(measure).post("/api/v1/governance/" + MAR + "/" + C + "/measures").then()
                    .statusCode(422);
            given().header("Authorization", TestTokens.districtBearer(DISTRICT)).contentType(ContentType.JSON)
                    .body(measure).post("/api/v1/governance/" + MAR + "/" + B + "/measures").then().statusCode(403);
            String id = as("leader", null).body(measure).post("/api/v1/governance/" + MAR + "/" + B + "/measures")
                    .then().statusCode(201).body("status", equalTo("OPEN")).body("overdue", equalTo(true))
                    .extract().path("measureId");
            var assigned = probe.awaitOne(r -> B.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.GOVERNANCE_MEASURE_ASSIGNED.type()).test(r), Duration.ofSeconds(30));
            assertEquals(id, Json.mapper().readTree(assigned.value()).get("measureId").asText());

            // the district of B notes progress; another district may neither see nor touch it
            given().header("Authorization", TestTokens.districtBearer(DISTRICT)).contentType(ContentType.JSON)
                    .body(Map.of("note", "整改方案已制定")).post("/api/v1/governance/measures/" + id + "/progress")
                    .then().statusCode(200).body("status", equalTo("IN_PROGRESS"))
                    .body("progress[0].note", equalTo("整改方案已制定"));
            given().header("Authorization", TestTokens.districtBearer("110102")).contentType(ContentType.JSON)
                    .body(Map.of("note", "x")).post("/api/v1/governance/measures/" + id + "/progress")
                    .then().statusCode(403);
            assertEquals(List.of(), governance(MAR, TestTokens.districtBearer("110102")).getList("entries"));
            JsonPath own = governance(MAR, TestTokens.districtBearer(DISTRICT));
            assertEquals(id, own.getString("entries[0].measures[0].measureId"));
            assertTrue(own.getBoolean("entries[0].measures[0].overdue")); // past its due date, not done

            as("leader", null).body(Map.of("note", "整改完成")).post("/api/v1/governance/measures/" + id + "/complete")
                    .then().statusCode(200).body("status", equalTo("DONE")).body("overdue", equalTo(false))
                    .body("progress.size()", equalTo(2));
            as("leader", null).body(Map.of("note", "again")).post("/api/v1/governance/measures/" + id + "/complete")
                    .then().statusCode(409);
            // the integrators' example (docs/examples/governance-measure.json) is accepted as it stands
            String example = java.nio.file.Files.readString(java.nio.file.Path.of(
                    System.getProperty("jiesu.docs.dir", "../docs"), "examples", "governance-measure.json"));
            as("admin", null).body(example).post("/api/v1/governance/" + MAR + "/" + B + "/measures").then()
                    .statusCode(201).body("kind", equalTo("SUPPORT")).body("status", equalTo("OPEN"));
        }
    }
}
