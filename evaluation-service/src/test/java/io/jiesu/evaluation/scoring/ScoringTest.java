package io.jiesu.evaluation.scoring;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.CitizenContacted;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.WhistleAttendance;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The three rates, composite, rankings and governance list on a hand-computed month; objections, a scheme effective
 * from a month, revisions, and idempotence under redelivery. Expected numbers are worked out in the comments.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "evaluation"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ScoringTest {
    static final String A = "110101001", B = "110101002", C = "110101003", D = "110101004", HOUSING = "DEPT_HOUSING";
    static final String PERIOD = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Every record sent, to redeliver them all later with the same ce_id. */
    static final List<Object[]> sent = new ArrayList<>();

    public static RequestSpecification as(String role, String unit) {
        return given().header("Authorization", TestTokens.bearer(role, unit)).contentType(ContentType.JSON);
    }

    public static <T> void send(EventType<T> type, String key, T data) throws Exception {
        String id = UUID.randomUUID().toString();
        String value = Json.mapper().writeValueAsString(data);
        sent.add(new Object[] {type, key, value, id});
        deliver(type, key, value, id);
    }

    static void deliver(EventType<?> type, String key, String value, String ceId) {
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), type.topic(), key, value, Map.of(
                CloudEventHeaders.ID, ceId, CloudEventHeaders.TYPE, type.type(), CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, key));
    }

    /** A case of {@code unit} dispatched now, due {@code deadline}, never completed (not even contacted). */
    static String openCase(String caseId, String unit, Instant deadline) throws Exception {
        Instant t = Instant.now().minus(Duration.ofMinutes(10));
        send(EventCatalog.CASE_DISPATCHED, caseId, new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT, "r",
                "r", t, t, t, deadline, Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "NOISE", "110101", unit));
        return caseId;
    }

    /** A case of {@code unit} completed an hour ago; contacted late or in time. */
    static String completedCase(String n, String unit, boolean contactedLate) throws Exception {
        return completedCaseWithId("C-E-" + RUN + "-" + n, unit, contactedLate);
    }

    static String completedCaseWithId(String caseId, String unit, boolean contactedLate) throws Exception {
        Instant t = Instant.now().minus(Duration.ofHours(1));
        String street = unit.startsWith("DEPT") ? A : unit;
        send(EventCatalog.CASE_RECEIVED, caseId, new CaseReceived(caseId, "X-" + caseId, Enums.Channel.PHONE,
                t.minusSeconds(7200), Enums.AppealType.COMPLAINT, "NOISE", Enums.ValueSource.GIVEN,
                Enums.Urgency.NORMAL, Enums.ValueSource.GIVEN, new Citizen(null, null, true, false),
                new Location("110101", street, null, null, null, null), "噪音", List.of()));
        send(EventCatalog.CASE_DISPATCHED, caseId, new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT, "r",
                "r", t.minusSeconds(7000), t, t, t, Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "NOISE",
                "110101", street));
        send(EventCatalog.CASE_CONTACTED, caseId, new CitizenContacted(caseId, unit, t.minusSeconds(3600), "PHONE",
                null, contactedLate));
        send(EventCatalog.CASE_COMPLETED, caseId, new CaseCompleted(caseId, unit, t, Enums.Outcome.RESOLVED, "ok",
                null, false));
        return caseId;
    }

    static void visit(String caseId, boolean reached, Boolean inTime, String resolution, String satisfaction) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("caseId", caseId, "reached", reached));
        if (inTime != null) {
            body.put("contactedInTime", inTime);
        }
        if (resolution != null) {
            body.put("resolution", resolution);
            body.put("satisfaction", satisfaction);
        }
        as("telephony", null).body(body).post("/api/v1/visits").then().statusCode(201);
    }

    static JsonPath scores(Integer revision) {
        var spec = as("analyst", null).queryParam("period", PERIOD);
        if (revision != null) {
            spec = spec.queryParam("revision", revision);
        }
        return spec.get("/api/v1/scores").then().statusCode(200).extract().jsonPath();
    }

    static float get(JsonPath scores, String group, String unit, String field) {
        return scores.getFloat("find { it.peerGroup == '" + group + "' && it.unitCode == '" + unit + "' }." + field);
    }

    static final Map<String, String> cases = new java.util.HashMap<>();

    static boolean prepared;
    @Inject
    EntityManager em;

    /** Once per class, but after Quarkus is up (RestAssured points at the test port only then). */
    @BeforeEach
    void aMonthOfCases() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        // this month: minimum volume 2, bottom 1 street/town is governance-type
        as("admin", null).body("""
                {"version": "test-%s", "effectiveFrom": "%s", "responseWeight": 0.30, "resolutionWeight": 0.35,
                 "satisfactionWeight": 0.35, "partlyResolvedCredit": 0.5, "basicallySatisfiedCredit": 0.8,
                 "attendanceWeight": 0.10, "lateReportCredit": 0.5, "minVolume": 2, "governanceBottomN": 1,
                 "reopenResolutions": ["UNRESOLVED"], "reopenSatisfactions": ["DISSATISFIED"], "visitDueHours": 48,
                 "description": "test scheme"}""".formatted(PERIOD, PERIOD)).post("/api/v1/schemes")
                .then().statusCode(201);
        cases.put("a1", completedCase("a1", A, false));
        cases.put("a2", completedCase("a2", A, false));
        cases.put("a3", completedCase("a3", A, true));
        cases.put("b1", completedCase("b1", B, false));
        cases.put("b2", completedCase("b2", B, false));
        cases.put("c1", completedCase("c1", C, false));
        cases.put("c2", completedCase("c2", C, false));
        cases.put("d1", completedCase("d1", D, false));
        cases.put("h1", completedCase("h1", HOUSING, false));
        cases.put("h2", completedCase("h2", HOUSING, false));
        send(EventCatalog.WHISTLE_ATTENDANCE, HOUSING, new WhistleAttendance(PERIOD, HOUSING, 4, 2, 1, 1,
                Instant.now()));
        // events of different cases travel on different partitions: wait until evaluation has all of them
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM eval_case WHERE case_id LIKE ?1 AND received_at IS NOT NULL
                          AND contacted_at IS NOT NULL AND completed_at IS NOT NULL""")
                        .setParameter(1, "C-E-" + RUN + "-%").getSingleResult()).intValue() == cases.size()
                && ((Number) em.createNativeQuery("SELECT count(*) FROM whistle_attendance WHERE unit_code = ?1")
                        .setParameter(1, HOUSING).getSingleResult()).intValue() == 1));
        visit(cases.get("h2"), true, true, "RESOLVED", "SATISFIED");
        visit(cases.get("a1"), true, true, "RESOLVED", "SATISFIED");
        visit(cases.get("a2"), true, null, "PARTLY_RESOLVED", "BASICALLY_SATISFIED");
        visit(cases.get("a3"), true, null, "UNRESOLVED", "DISSATISFIED");
        visit(cases.get("b1"), true, true, "RESOLVED", "SATISFIED");
        visit(cases.get("b2"), true, false, "RESOLVED", "SATISFIED"); // the citizen says: not contacted in time
        visit(cases.get("c1"), false, null, null, null);
        visit(cases.get("c2"), true, true, "RESOLVED", "DISSATISFIED");
        visit(cases.get("d1"), true, true, "RESOLVED", "SATISFIED");
        visit(cases.get("h1"), true, true, "RESOLVED", "SATISFIED"); // the first visit counts
        visit(cases.get("h1"), true, true, "UNRESOLVED", "DISSATISFIED"); // kept, does not replace it
    }

    @Test
    @Order(1)
    void theRatesCompositeRanksAndGovernanceListMatchTheHandComputedFigures() {
        as("reviewer", null).post("/api/v1/periods/" + PERIOD + "/calculations").then().statusCode(201)
                .body("revision", equalTo(1)).body("schemeVersion", equalTo("test-" + PERIOD));
        JsonPath s = scores(null);
        // A: response 2/3, resolution (1 + 0.5)/3 = 0.5, satisfaction (1 + 0.8)/3 = 0.6
        //    composite 100 × (0.3 × 0.6667 + 0.35 × 0.5 + 0.35 × 0.6) = 58.5
        assertEquals(0.6667f, get(s, "STREET_TOWN", A, "responseRate"), 0.0001);
        assertEquals(0.5f, get(s, "STREET_TOWN", A, "resolutionRate"), 0.0001);
        assertEquals(0.6f, get(s, "STREET_TOWN", A, "satisfactionRate"), 0.0001);
        assertEquals(58.5f, get(s, "STREET_TOWN", A, "composite"), 0.01);
        // B: response 1/2 (b2's visit contradicts dispatch), resolution 1, satisfaction 1 → 85
        assertEquals(0.5f, get(s, "STREET_TOWN", B, "responseRate"), 0.0001);
        assertEquals(85f, get(s, "STREET_TOWN", B, "composite"), 0.01);
        // C: response 1, one reached visit: resolution 1, satisfaction 0 → 65
        assertEquals(1f, get(s, "STREET_TOWN", C, "resolutionRate"), 0.0001);
        assertEquals(65f, get(s, "STREET_TOWN", C, "composite"), 0.01);
        // ranks: B 85, C 65, A 58.5; D has 1 case < minimum volume 2: not ranked
        assertEquals(1, s.getInt("find { it.unitCode == '" + B + "' }.rank"));
        assertEquals(2, s.getInt("find { it.unitCode == '" + C + "' }.rank"));
        assertEquals(3, s.getInt("find { it.unitCode == '" + A + "' }.rank"));
        assertNull(s.get("find { it.unitCode == '" + D + "' }.rank"));
        // district 东城: all 10 cases located in it (h1, h2 too): responded 8/10; reached 9:
        // resolved 7 + partly 0.5 → 7.5/9; satisfied 6 + basically 0.8 → 6.8/9
        // composite 100 × (0.3 × 0.8 + 0.35 × 0.8333 + 0.35 × 0.7556) = 79.6111
        assertEquals(0.8f, get(s, "DISTRICT", "D110101", "responseRate"), 0.0001);
        assertEquals(79.6111f, get(s, "DISTRICT", "D110101", "composite"), 0.01);
        // DEPT_HOUSING: base 100 (its first visits); attendance (2 + 1 × 0.5)/4 = 0.625
        // composite 0.9 × 100 + 0.1 × 62.5 = 96.25
        assertEquals(0.625f, get(s, "DEPARTMENT", HOUSING, "attendanceRate"), 0.0001);
        assertEquals(96.25f, get(s, "DEPARTMENT", HOUSING, "composite"), 0.01);

        as("analyst", null).queryParam("period", PERIOD).get("/api/v1/governance-list").then().statusCode(200)
                .body("unitCodes", equalTo(List.of(A))).body("rule", containsString("last 1 ranked"));
        as("analyst", null).queryParam("period", PERIOD).queryParam("format", "csv").queryParam("group", "STREET_TOWN")
                .get("/api/v1/scores").then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString(PERIOD + ",1,STREET_TOWN," + B + ",2,0.5000,1.0000,1.0000,,85.0000,1"));
    }

    @Test
    @Order(2)
    void anAcceptedObjectionTakesTheCaseOutOfTheRatesInANewRevision() throws Exception {
        try (KafkaProbe probe = KafkaProbe.follow("case\\.evaluation|evaluation\\.results")) {
            as("unit", B).body(Map.of("caseId", cases.get("a3"), "reason", "OUTSIDE_DUTY", "statement", "x"))
                    .post("/api/v1/objections").then().statusCode(403);
            String id = as("unit", A).body(Map.of("caseId", cases.get("a3"), "reason", "UNREASONABLE_DEMAND",
                    "statement", "诉求人要求拆除合法建筑，超出合理范围",
                    "evidence", List.of(Map.of("kind", "photo", "url", "https://evidence.example/a3.jpg"))))
                    .post("/api/v1/objections").then().statusCode(201).body("status", equalTo("PENDING"))
                    .extract().path("objectionId");
            as("unit", A).body(Map.of("caseId", cases.get("a3"), "reason", "OTHER", "statement", "again"))
                    .post("/api/v1/objections").then().statusCode(409);
            as("unit", A).body(Map.of("decision", "ACCEPTED", "comment", "x"))
                    .post("/api/v1/objections/" + id + "/decision").then().statusCode(403);
            as("reviewer", null).body(Map.of("decision", "ACCEPTED", "comment", "经核实属不合理诉求"))
                    .post("/api/v1/objections/" + id + "/decision").then().statusCode(200)
                    .body("status", equalTo("ACCEPTED"));
            as("reviewer", null).body(Map.of("decision", "REJECTED", "comment", "again"))
                    .post("/api/v1/objections/" + id + "/decision").then().statusCode(409);
            probe.awaitOne(r -> cases.get("a3").equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.OBJECTION_DECIDED.type()).test(r), Duration.ofSeconds(30));

            as("reviewer", null).queryParam("reason", "objection accepted")
                    .post("/api/v1/periods/" + PERIOD + "/calculations").then().statusCode(201)
                    .body("revision", equalTo(2));
            probe.awaitOne(r -> PERIOD.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.GOVERNANCE_LIST_PUBLISHED.type()).test(r)
                    && r.value().contains("\"revision\":2"), Duration.ofSeconds(30));
        }
        // A without a3: response 1, resolution 0.75, satisfaction 0.9 → 100 × (0.3 + 0.2625 + 0.315) = 87.75
        JsonPath s = scores(null);
        assertEquals(87.75f, get(s, "STREET_TOWN", A, "composite"), 0.01);
        assertEquals(1, s.getInt("find { it.unitCode == '" + A + "' }.rank"));
        as("analyst", null).queryParam("period", PERIOD).get("/api/v1/governance-list").then()
                .body("unitCodes", equalTo(List.of(C))).body("revision", equalTo(2));
        // the earlier revision stays readable
        assertEquals(58.5f, get(scores(1), "STREET_TOWN", A, "composite"), 0.01);
        as("analyst", null).queryParam("period", PERIOD).queryParam("revision", 1).get("/api/v1/governance-list")
                .then().body("unitCodes", equalTo(List.of(A)));
    }

    @Test
    @Order(3)
    void redeliveringEveryEventChangesNothing() throws Exception {
        for (Object[] r : sent) {
            deliver((EventType<?>) r[0], (String) r[1], (String) r[2], (String) r[3]);
        }
        Thread.sleep(3000);
        as("reviewer", null).post("/api/v1/periods/" + PERIOD + "/calculations").then().statusCode(201)
                .body("revision", equalTo(3));
        JsonPath before = scores(2);
        JsonPath after = scores(3);
        for (String unit : List.of(A, B, C, D)) {
            assertEquals(get(before, "STREET_TOWN", unit, "composite"), get(after, "STREET_TOWN", unit, "composite"));
            assertEquals(before.getInt("find { it.unitCode == '" + unit + "' }.cases"),
                    after.getInt("find { it.unitCode == '" + unit + "' }.cases"));
        }
    }

    @Test
    @Order(4)
    void anEarlierMonthUsesTheSchemeEffectiveThen() {
        String earlier = YearMonth.parse(PERIOD).minusMonths(1).toString();
        as("reviewer", null).post("/api/v1/periods/" + earlier + "/calculations").then().statusCode(201)
                .body("schemeVersion", equalTo("2026-v1"));
        as("reviewer", null).post("/api/v1/periods/2020-01/calculations").then().statusCode(422);
    }

    @Test
    @Order(9)
    void aNewSchemeVersionIsPublishedWithItsCreditsForEveryReader() throws Exception {
        String version = "test-pub-" + RUN;
        String month = "2199-" + String.format("%02d", 1 + Math.floorMod(RUN.hashCode(), 12));
        try (KafkaProbe probe = KafkaProbe.follow("evaluation\\.results")) {
            as("admin", null).body("""
                    {"version": "%s", "effectiveFrom": "%s", "responseWeight": 0.30, "resolutionWeight": 0.35,
                     "satisfactionWeight": 0.35, "partlyResolvedCredit": 0.5, "basicallySatisfiedCredit": 0.8,
                     "attendanceWeight": 0.10, "lateReportCredit": 0.5, "minVolume": 5, "governanceBottomN": 3,
                     "signForShare": 0.5, "overdueMarkPoints": 1, "openOverdueUnresponded": true,
                     "outcomeCredits": {"RESOLVED": 1, "CONDITIONS_BEING_CREATED": 0.5},
                     "reopenSatisfactions": ["DISSATISFIED"], "visitDueHours": 24, "description": "published"}"""
                    .formatted(version, month)).post("/api/v1/schemes").then().statusCode(201)
                    .body("outcomeCredits.CONDITIONS_BEING_CREATED", equalTo(0.5f))
                    .body("reopenSatisfactions", equalTo(List.of("DISSATISFIED")));
            var published = probe.awaitOne(r -> version.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.SCHEME_PUBLISHED.type()).test(r), Duration.ofSeconds(30));
            var data = Json.mapper().readTree(published.value());
            assertEquals(0.8, data.get("satisfactionCredits").get("BASICALLY_SATISFIED").asDouble(), 1e-9);
            assertEquals(0.5, data.get("outcomeCaps").get("CONDITIONS_BEING_CREATED").asDouble(), 1e-9);
            assertFalse(data.get("outcomeCaps").has("EXPLAINED")); // as the visit says
        }
        // an unknown outcome or a credit above 1 is the caller's mistake
        as("admin", null).body("""
                {"version": "x-%s", "effectiveFrom": "2198-01", "responseWeight": 0.30, "resolutionWeight": 0.35,
                 "satisfactionWeight": 0.35, "partlyResolvedCredit": 0.5, "basicallySatisfiedCredit": 0.8,
                 "attendanceWeight": 0.10, "lateReportCredit": 0.5, "minVolume": 5, "governanceBottomN": 3,
                 "outcomeCredits": {"RESOLVED": 1.5}, "description": "bad"}""".formatted(RUN))
                .post("/api/v1/schemes").then().statusCode(400);
        as("admin", null).body("""
                {"version": "y-%s", "effectiveFrom": "2198-02", "responseWeight": 0.30, "resolutionWeight": 0.35,
                 "satisfactionWeight": 0.35, "partlyResolvedCredit": 0.5, "basicallySatisfiedCredit": 0.8,
                 "attendanceWeight": 0.10, "lateReportCredit": 0.5, "minVolume": 5, "governanceBottomN": 3,
                 "outcomeCredits": {"SOLVED_BY_MAGIC": 1}, "description": "bad"}""".formatted(RUN))
                .post("/api/v1/schemes").then().statusCode(400);
    }

    @Test
    @Order(5)
    void visitsAreRefusedForUnknownOrUnfinishedCasesAndBadInput() throws Exception {
        as("telephony", null).body(Map.of("caseId", "NO-SUCH", "reached", true, "resolution", "RESOLVED",
                "satisfaction", "SATISFIED")).post("/api/v1/visits").then().statusCode(404);
        String open = "C-E-" + RUN + "-open";
        send(EventCatalog.CASE_DISPATCHED, open, new CaseDispatched(open, A, Enums.DispatchMode.DIRECT, "r", "r",
                Instant.now(), Instant.now(), Instant.now(), Instant.now(), Enums.Urgency.NORMAL,
                Enums.AppealType.COMPLAINT, "NOISE", "110101", A));
        await().atMost(Duration.ofSeconds(30)).until(() -> as("telephony", null).body(Map.of("caseId", open,
                "reached", true, "resolution", "RESOLVED", "satisfaction", "SATISFIED")).post("/api/v1/visits")
                .statusCode() == 409);
        as("telephony", null).body(Map.of("caseId", cases.get("a1"), "reached", true)).post("/api/v1/visits")
                .then().statusCode(422);
        as("telephony", null).body(Map.of("caseId", cases.get("a1"), "reached", true, "resolution", "MAYBE"))
                .post("/api/v1/visits").then().statusCode(400);
        as("unit", A).body(Map.of("caseId", cases.get("a1"), "reached", false)).post("/api/v1/visits")
                .then().statusCode(403);
        as("telephony", null).queryParam("caseId", cases.get("h1")).get("/api/v1/visits").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].counts", equalTo(true)).body("[1].counts", equalTo(false));
        as("analyst", null).queryParam("period", "2019-01").get("/api/v1/scores").then().statusCode(404);
        as("analyst", null).queryParam("period", "nope").get("/api/v1/scores").then().statusCode(400)
                .body("detail", containsString("YYYY-MM")).body("errors", nullValue());
    }

    @Test
    @Order(6)
    void theIntegratorsExamplesAreAccepted() throws Exception {
        java.nio.file.Path examples = java.nio.file.Path.of(System.getProperty("jiesu.docs.dir", "../docs"),
                "examples");
        String visit = java.nio.file.Files.readString(examples.resolve("visit.json"));
        String objection = java.nio.file.Files.readString(examples.resolve("objection.json"));
        String caseId = Json.mapper().readTree(visit).get("caseId").asText();
        completedCaseWithId(caseId, B, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> as("telephony", null).body(visit).post("/api/v1/visits")
                .statusCode() == 201);
        as("unit", B).body(objection).post("/api/v1/objections").then().statusCode(201);
    }

    @Test
    @Order(7)
    void anOpenCasePastItsDeadlineLowersTheUnitsRank() throws Exception {
        as("reviewer", null).queryParam("reason", "before").post("/api/v1/periods/" + PERIOD + "/calculations")
                .then().statusCode(201);
        JsonPath before = scores(null);
        String top = before.getString("find { it.peerGroup == 'STREET_TOWN' && it.rank == 1 }.unitCode");
        int topCases = before.getInt("find { it.peerGroup == 'STREET_TOWN' && it.unitCode == '" + top + "' }.cases");
        // the best street leaves five cases open past their completion deadline (a minute ago, this month) and
        // dispatch marks them overdue: they count this month as unresolved (no contact, no visit)
        Instant deadline = Instant.now().minus(Duration.ofMinutes(1));
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = openCase("C-E-" + RUN + "-late" + i, top, deadline);
            send(EventCatalog.CASE_OVERDUE, id, new io.jiesu.contract.event.WorkOrderOverdue(id, top,
                    Enums.DeadlineKind.COMPLETION, deadline, Instant.now()));
            open.add(id);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM eval_case c JOIN overdue_mark m ON m.case_id = c.case_id
                        WHERE c.case_id LIKE ?1 AND c.period = ?2 AND c.completion_deadline IS NOT NULL""")
                        .setParameter(1, "C-E-" + RUN + "-late%").setParameter(2, PERIOD).getSingleResult())
                        .intValue() == open.size()));
        as("reviewer", null).queryParam("reason", "after").post("/api/v1/periods/" + PERIOD + "/calculations")
                .then().statusCode(201);
        JsonPath after = scores(null);
        assertEquals(topCases + 5, get(after, "STREET_TOWN", top, "cases"), 0.0);
        assertTrue(get(after, "STREET_TOWN", top, "composite") < get(before, "STREET_TOWN", top, "composite"));
        assertTrue(after.getInt("find { it.peerGroup == 'STREET_TOWN' && it.unitCode == '" + top + "' }.rank") > 1,
                "leaving cases open must not keep " + top + " first");
    }

    @Test
    @Order(8)
    void theVisitQueueAndAReopeningCloseTheLoop() throws Exception {
        String q = "C-E-" + RUN + "-loop";
        Instant completed = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (KafkaProbe probe = KafkaProbe.follow("case\\.evaluation")) {
            send(EventCatalog.CASE_DISPATCHED, q, new CaseDispatched(q, D, Enums.DispatchMode.DIRECT, "r", "r",
                    completed.minusSeconds(3600), completed, completed, completed.plus(Duration.ofDays(7)),
                    Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "NOISE", "110101", D));
            send(EventCatalog.CASE_COMPLETED_V2, q, new CaseCompletedV2(q, D, completed,
                    Enums.CompletionOutcome.RESOLVED, "ok", null, null, null, false, 1));
            // the queue (oldest due first), filtered by unit and district, for the return-visit staff
            await().atMost(Duration.ofSeconds(60)).until(() -> as("operator", null).queryParam("unit", D)
                    .queryParam("district", "110101").queryParam("size", 200).get("/api/v1/visits/queue").then()
                    .statusCode(200).extract().jsonPath().getList("items.caseId").contains(q));
            JsonPath page = as("operator", null).queryParam("unit", D).queryParam("size", 200)
                    .get("/api/v1/visits/queue").then().extract().jsonPath();
            assertEquals(completed.plus(Duration.ofHours(48)),
                    Instant.parse(page.getString("items.find { it.caseId == '" + q + "' }.visitDueAt")));
            List<String> due = page.getList("items.visitDueAt");
            for (int i = 1; i < due.size(); i++) {
                assertTrue(Instant.parse(due.get(i - 1)).compareTo(Instant.parse(due.get(i))) <= 0, "oldest due first");
            }
            as("operator", null).queryParam("size", 1).get("/api/v1/visits/queue").then().statusCode(200)
                    .body("items.size()", equalTo(1)).body("size", equalTo(1));
            as("operator", null).queryParam("size", 0).get("/api/v1/visits/queue").then().statusCode(400);
            as("operator", null).queryParam("page", -1).get("/api/v1/visits/queue").then().statusCode(400);
            as("unit", D).get("/api/v1/visits/queue").then().statusCode(403);

            // the return-visit staff (operator token) record the first visit: unresolved → reopened (重办)
            as("operator", null).body(Map.of("caseId", q, "reached", true, "resolution", "UNRESOLVED",
                    "satisfaction", "BASICALLY_SATISFIED")).post("/api/v1/visits").then().statusCode(201)
                    .body("counts", equalTo(true)).body("reopened", equalTo(true)).body("round", equalTo(1));
            var reopen = probe.awaitOne(r -> q.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.REOPEN_REQUESTED.type()).test(r), Duration.ofSeconds(30));
            assertEquals(1, Json.mapper().readTree(reopen.value()).get("round").asInt());
            assertFalse(queueHas(q));
            // a later visit of round 1 is kept but neither counts nor reopens again
            as("telephony", null).body(Map.of("caseId", q, "reached", true, "resolution", "UNRESOLVED",
                    "satisfaction", "DISSATISFIED")).post("/api/v1/visits").then().statusCode(201)
                    .body("counts", equalTo(false)).body("reopened", equalTo(false));
        }
        // dispatch reopened it; the unit completes it again: round 2 re-enters the queue
        send(EventCatalog.CASE_COMPLETED_V2, q, new CaseCompletedV2(q, D, Instant.now(),
                Enums.CompletionOutcome.RESOLVED, "fixed", null, null, null, false, 2));
        await().atMost(Duration.ofSeconds(60)).until(() -> queueHas(q));
        as("telephony", null).body(Map.of("caseId", q, "reached", true, "resolution", "RESOLVED",
                "satisfaction", "SATISFIED")).post("/api/v1/visits").then().statusCode(201)
                .body("round", equalTo(2)).body("counts", equalTo(false)).body("reopened", equalTo(false));
        assertFalse(queueHas(q));
        as("operator", null).queryParam("caseId", q).get("/api/v1/visits").then().statusCode(200)
                .body("size()", equalTo(3)).body("[0].counts", equalTo(true)).body("[0].round", equalTo(1))
                .body("[2].round", equalTo(2)).body("[2].counts", equalTo(false));
    }

    @Test
    @Order(10)
    void aLeaderPublishesAMonthAndReadsItsRankings() {
        int before = scores(null).getInt("[0].revision");
        as("leader", null).post("/api/v1/periods/" + PERIOD + "/calculations").then().statusCode(201)
                .body("revision", equalTo(before + 1));
        as("leader", null).queryParam("period", PERIOD).queryParam("group", "STREET_TOWN").get("/api/v1/scores")
                .then().statusCode(200).body("find { it.unitCode == '" + B + "' }.peerGroup", equalTo("STREET_TOWN"))
                .body("[0].revision", equalTo(before + 1));
        as("leader", null).queryParam("period", PERIOD).get("/api/v1/governance-list").then().statusCode(200)
                .body("revision", equalTo(before + 1));
        // publishing stays with the hotline: a district or an analyst reads, never publishes
        as("analyst", null).post("/api/v1/periods/" + PERIOD + "/calculations").then().statusCode(403);
    }

    static boolean queueHas(String caseId) {
        return as("operator", null).queryParam("unit", D).queryParam("size", 200).get("/api/v1/visits/queue").then()
                .statusCode(200).extract().jsonPath().getList("items.caseId").contains(caseId);
    }
}
