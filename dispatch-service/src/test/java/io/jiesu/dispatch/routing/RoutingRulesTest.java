package io.jiesu.dispatch.routing;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The responsibility list as versioned data: precedence, versions and audit, and the manual-dispatch queue. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class RoutingRulesTest {
    static KafkaProbe probe;
    @Inject
    Router router;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON);
    }

    CaseDispatched route(String district, String street, String category) {
        String caseId = newCaseId();
        sendReceived(received(caseId, district, street, category, Enums.Urgency.NORMAL));
        return awaitEvent(probe, caseId, EventCatalog.CASE_DISPATCHED);
    }

    @Test
    void theMostSpecificActiveRuleWinsAndEveryOrderSaysWhichRuleAndVersionPlacedIt() throws Exception {
        // Seeded: category rules of the enterprises beat 属地.
        CaseDispatched water = route("110102", "110102001", "WATER_OUTAGE");
        assertEquals("ENT_WATER", water.unitCode());
        assertEquals("water-outage", water.ruleId());
        assertEquals("110102001", route("110102", "110102001", "ELEVATOR").unitCode(), "属地 by default");

        // A city-wide category rule (1) beats 属地 (0); a district + category rule (3) beats it; a street rule (4)
        // beats both.
        admin().body("{\"id\":\"elevator-city\",\"categoryCode\":\"ELEVATOR\",\"target\":\"UNIT\","
                + "\"unitCode\":\"DEPT_HOUSING\",\"description\":\"电梯: 住建\",\"reason\":\"test\"}")
                .post("/api/v1/routing-rules").then().statusCode(201).body("version", equalTo(1));
        admin().body(Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
                "routing-rule.json"))).post("/api/v1/routing-rules").then().statusCode(201);
        admin().body("{\"id\":\"street-110105001\",\"districtCode\":\"110105\",\"streetCode\":\"110105001\","
                + "\"target\":\"UNIT\",\"unitCode\":\"D110105\",\"description\":\"test: district government\"}")
                .post("/api/v1/routing-rules").then().statusCode(201);

        assertEquals("DEPT_HOUSING", route("110102", "110102001", "ELEVATOR").unitCode());
        CaseDispatched chaoyang = route("110105", "110105002", "ELEVATOR");
        assertEquals("DEPT_HOUSING", chaoyang.unitCode());
        assertEquals("elevator-chaoyang", chaoyang.ruleId());
        assertEquals("street-110105001", route("110105", "110105001", "ELEVATOR").ruleId());

        // A new version of a rule applies at once and the order records it.
        admin().body("{\"expectedVersion\":1,\"categoryCode\":\"ELEVATOR\",\"districtCode\":\"110105\","
                + "\"target\":\"UNIT\",\"unitCode\":\"DEPT_CITY_MGMT\",\"description\":\"朝阳区电梯: 城管\","
                + "\"reason\":\"职责调整\"}").put("/api/v1/routing-rules/elevator-chaoyang")
                .then().statusCode(200).body("version", equalTo(2));
        CaseDispatched v2 = route("110105", "110105003", "ELEVATOR");
        assertEquals("DEPT_CITY_MGMT", v2.unitCode());
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + v2.caseId())
                .then().body("order.ruleId", equalTo("elevator-chaoyang")).body("order.ruleVersion", equalTo(2));

        // A stale version is refused; deactivation is a version too; the trail keeps every version.
        admin().body("{\"expectedVersion\":1,\"target\":\"LOCATION_STREET\",\"description\":\"x\"}")
                .put("/api/v1/routing-rules/elevator-chaoyang").then().statusCode(409)
                .body("currentVersion", equalTo(2));
        admin().delete("/api/v1/routing-rules/elevator-chaoyang?expectedVersion=2&reason=专项结束")
                .then().statusCode(200).body("active", equalTo(false)).body("version", equalTo(3));
        assertEquals("DEPT_HOUSING", route("110105", "110105004", "ELEVATOR").unitCode(), "falls back to city-wide");
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/routing-rules/elevator-chaoyang/history").then().statusCode(200)
                .body("version", contains(1, 2, 3)).body("action", contains("CREATED", "UPDATED", "DEACTIVATED"))
                .body("actor", hasItem("test-admin")).body("reason", contains("2026年电梯安全专项", "职责调整", "专项结束"))
                .body("rule.unitCode", contains("DEPT_HOUSING", "DEPT_CITY_MGMT", "DEPT_CITY_MGMT"));
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/routing-rules/water-outage/history").then().statusCode(200)
                .body("action", contains("CREATED")).body("actor", contains("migration"));
    }

    /**
     * The seeded list (V1–V4) against the whole city: every category × every street/town places the case, and every
     * department — city-level or district branch — receives some matter. Through the real Router and database.
     */
    @Test
    void everyCategoryHasARouteEverywhereAndEveryDepartmentReceivesSomeMatter() {
        ReferenceData ref = ReferenceData.get();
        List<Unit> streets = ref.units().stream().filter(u -> u.kind().isStreetOrTown()).toList();
        // streets another test of this class gave a street-level rule of its own
        Set<String> overridden = admin().get("/api/v1/routing-rules?active=true").then().extract().jsonPath()
                .<String>getList("findAll { it.streetCode != null && !it.id.startsWith('etdz-') }.streetCode")
                .stream().collect(Collectors.toSet());
        Set<String> reached = QuarkusTransaction.requiringNew().call(() -> {
            Set<String> units = new TreeSet<>();
            for (Category c : ref.categories()) {
                for (Unit street : streets) {
                    Optional<Router.Route> route = router.route(c.code(), street.districtCode(), street.code());
                    assertTrue(route.isPresent(), c.code() + " has no route in " + street.code());
                    units.add(route.get().unitCode());
                }
            }
            for (Unit street : streets) {
                if (overridden.contains(street.code())) {
                    continue;
                }
                String hr = router.route("WAGE_ARREARS", street.districtCode(), street.code()).orElseThrow().unitCode();
                assertEquals(street.code().equals("110115403") ? "DEPT_HR" : "DEPT_" + street.districtCode() + "_HR", hr,
                        "拖欠工资 in " + street.code() + " goes to labour inspection, not to the street");
                assertEquals(street.code(), router.route("NOISE", street.districtCode(), street.code())
                        .orElseThrow().unitCode(), "噪声扰民 stays 属地");
            }
            return units;
        });
        Set<String> departments = ref.units().stream().filter(u -> u.kind() == UnitKind.DEPARTMENT).map(Unit::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(116, departments.size(), "20 city-level departments + 6 × 16 district branches");
        departments.removeAll(reached);
        assertTrue(departments.isEmpty(), "departments no category × place routes to: " + departments);
    }

    @Test
    void anUnpaidWagesAppealReachesTheInboxOfItsDistrictsLabourInspectionAndAdminsCanNameABranchTarget() {
        CaseDispatched wages = route("110108", "110108003", "WAGE_ARREARS");
        assertEquals("DEPT_110108_HR", wages.unitCode(), "海淀区人力资源和社会保障局, not the street");
        assertEquals("wage-arrears", wages.ruleId());
        probe.awaitOne(r -> wages.caseId().equals(r.key()) && r.topic().equals("unit.DEPT_110108_HR.inbox"), WAIT);
        given().header("Authorization", TestTokens.bearer("unit", "DEPT_110108_HR"))
                .get("/api/v1/units/DEPT_110108_HR/work-orders").then().statusCode(200)
                .body("caseId", hasItem(wages.caseId()));

        // DISTRICT_BRANCH names a city-level department; a branch or a street there is a 422 naming unitCode
        admin().body("{\"id\":\"tourism-branch\",\"categoryCode\":\"TOURISM\",\"target\":\"DISTRICT_BRANCH\","
                + "\"unitCode\":\"DEPT_110108_MARKET\",\"description\":\"x\"}").post("/api/v1/routing-rules")
                .then().statusCode(422).body("field", equalTo("unitCode"));
        admin().body("{\"id\":\"tourism-haidian\",\"categoryCode\":\"TOURISM\",\"districtCode\":\"110108\","
                + "\"target\":\"DISTRICT_BRANCH\",\"unitCode\":\"DEPT_MARKET\",\"description\":\"旅游 in 海淀: 市场监管\","
                + "\"reason\":\"test\"}").post("/api/v1/routing-rules").then().statusCode(201)
                .body("target", equalTo("DISTRICT_BRANCH"));
        assertEquals("DEPT_110108_MARKET", route("110108", "110108004", "TOURISM").unitCode());
        assertEquals("DEPT_CULTURE_TOURISM", route("110105", "110105026", "TOURISM").unitCode(), "elsewhere: V4");
        admin().delete("/api/v1/routing-rules/tourism-haidian?expectedVersion=1&reason=test").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/routing-rules/wage-arrears/history").then().statusCode(200)
                .body("actor", contains("migration")).body("rule.target", contains("DISTRICT_BRANCH"));
    }

    @Test
    void onlyAdminsChangeRulesAndBadRulesAre422NamingTheField() {
        given().header("Authorization", TestTokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body("{\"id\":\"x\",\"target\":\"LOCATION_STREET\",\"description\":\"x\"}")
                .post("/api/v1/routing-rules").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", "110101001"))
                .get("/api/v1/routing-rules").then().statusCode(403);
        admin().body("{\"id\":\"bad-cat\",\"categoryCode\":\"NOPE\",\"target\":\"LOCATION_STREET\","
                + "\"description\":\"x\"}").post("/api/v1/routing-rules").then().statusCode(422)
                .body("field", equalTo("categoryCode"));
        admin().body("{\"id\":\"bad-unit\",\"categoryCode\":\"NOISE\",\"target\":\"UNIT\",\"description\":\"x\"}")
                .post("/api/v1/routing-rules").then().statusCode(422).body("field", equalTo("unitCode"));
        admin().body("{\"id\":\"bad-street\",\"districtCode\":\"110101\",\"streetCode\":\"110105001\","
                + "\"target\":\"LOCATION_STREET\",\"description\":\"x\"}").post("/api/v1/routing-rules").then()
                .statusCode(422).body("field", equalTo("streetCode"));
        admin().body("{\"id\":\"water-outage\",\"target\":\"LOCATION_STREET\",\"description\":\"x\"}")
                .post("/api/v1/routing-rules").then().statusCode(409);
        admin().body("{\"target\":\"BOGUS\"}").put("/api/v1/routing-rules/water-outage").then().statusCode(400);
        admin().body("{\"target\":\"LOCATION_STREET\",\"description\":\"x\"}").put("/api/v1/routing-rules/water-outage")
                .then().statusCode(422).body("field", equalTo("expectedVersion"));
    }

    @Test
    void aCaseNoRuleCanPlaceWaitsInTheManualQueueUntilAReviewerDispatchesIt() {
        String caseId = newCaseId();
        sendReceived(received(caseId, "110101", "999999999", "NOISE", Enums.Urgency.URGENT));
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/manual-dispatch")
                .then().statusCode(200);
        long end = System.currentTimeMillis() + 30_000;
        while (!given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/manual-dispatch")
                .then().extract().jsonPath().getList("caseId").contains(caseId)) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("case never reached the manual-dispatch queue");
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"110101001\"}").post("/api/v1/manual-dispatch/" + caseId).then().statusCode(403);
        review("manual-dispatch/" + caseId, "{\"unitCode\":\"NOPE\"}").statusCode(422);
        review("manual-dispatch/" + caseId, "{\"unitCode\":\"110101001\",\"comment\":\"地址核实为东华门\"}")
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("unitCode", equalTo("110101001"));
        CaseDispatched d = awaitEvent(probe, caseId, EventCatalog.CASE_DISPATCHED);
        assertEquals(Enums.DispatchMode.MANUAL, d.mode());
        assertEquals("110101001", d.unitCode());
        assertEquals(java.time.Duration.ofHours(1), java.time.Duration.between(d.dispatchedAt(), d.contactDeadline()),
                "urgent: contact within 1 h");
        review("manual-dispatch/" + caseId, "{\"unitCode\":\"110101001\"}").statusCode(409);
    }
}
