package io.jiesu.dispatch.routing;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The responsibility list as versioned data: precedence, versions and audit, and the manual-dispatch queue. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class RoutingRulesTest {
    static KafkaProbe probe;

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
