package io.jiesu.dispatch.supervision;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.WorkOrderUrged;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 各区统筹 through REST, the real broker and the real database: a district token reads its own district's overdue
 * orders and desk numbers and nothing of another district (403); a reminder (催办) reaches the unit's inbox as a notice
 * URGE and case.dispatch as jiesu.dispatch.work-order-urged.v1, is counted on the order; a second one within the
 * interval is a 429 with Retry-After; a completed order is a 409.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class DistrictSupervisionTest {
    static final String DISTRICT = "110114"; // 昌平区
    static final String STREET = "110114001"; // 城北街道
    static final String TOWN = "110114002"; // 南口地区
    static final String OTHER_DISTRICT = "110106"; // 丰台区
    static final String OTHER_STREET = "110106001";
    static KafkaProbe probe;

    @Inject
    EntityManager em;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static JsonPath desk(String token, String district) {
        return given().header("Authorization", token).get("/api/v1/districts/" + district + "/supervision").then()
                .statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> line(JsonPath desk, String unit) {
        return desk.getMap("units.find { it.unitCode == '" + unit + "' }");
    }

    static int count(JsonPath desk, String unit, String what) {
        return ((Number) line(desk, unit).get(what)).intValue();
    }

    static io.restassured.response.ValidatableResponse urge(String token, String caseId, String message) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(message == null ? "{}" : "{\"message\":\"" + message + "\"}")
                .post("/api/v1/work-orders/" + caseId + "/reminders").then();
    }

    static String example(String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("jiesu.docs.dir",
                    "../docs"), "examples", name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void markOverdue(String caseId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE work_order SET overdue = true WHERE case_id = ?1").setParameter(1, caseId).executeUpdate());
    }

    @Test
    void aDistrictSeesItsOwnOverdueOrdersAndUrgesTheUnit() {
        String district = TestTokens.districtBearer(DISTRICT);
        JsonPath before = desk(district, DISTRICT);
        String late = dispatchedCase(probe, STREET);
        String fresh = dispatchedCase(probe, TOWN); // sign-for due in 2 h
        String elsewhere = dispatchedCase(probe, OTHER_STREET);
        markOverdue(late);
        markOverdue(elsewhere);

        // the across-units list, scoped to the token's district whatever it asks for
        given().header("Authorization", district).queryParam("overdue", "true").queryParam("size", 500)
                .get("/api/v1/work-orders").then().statusCode(200)
                .body("items.caseId", hasItem(late)).body("items.caseId", not(hasItem(elsewhere)))
                .body("items.unitCode", everyItem(isOneOf(DistrictUnits.codes(DISTRICT).toArray())));
        given().header("Authorization", district).queryParam("dueWithinHours", 3).queryParam("unitCode", TOWN)
                .get("/api/v1/work-orders").then().statusCode(200).body("items.caseId", hasItem(fresh));
        // another district: the same 403 whether it asks by district or by unit, and nothing in the body about it
        for (var other : List.of(Map.of("districtCode", OTHER_DISTRICT), Map.of("unitCode", OTHER_STREET),
                Map.of("districtCode", "999999"))) {
            given().header("Authorization", district).queryParam("overdue", "true").queryParams(other)
                    .get("/api/v1/work-orders").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", not(org.hamcrest.Matchers.containsString(elsewhere)));
        }
        given().header("Authorization", district).get("/api/v1/districts/" + OTHER_DISTRICT + "/supervision").then()
                .statusCode(403).contentType("application/problem+json");
        given().header("Authorization", district).get("/api/v1/work-orders/" + elsewhere).then().statusCode(403);
        given().header("Authorization", district).get("/api/v1/work-orders/C-NO-SUCH-CASE").then().statusCode(403);
        // wider roles read any district; the hotline's reviewers also filter by districtCode
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("overdue", "true")
                .queryParam("districtCode", OTHER_DISTRICT).queryParam("size", 500).get("/api/v1/work-orders").then()
                .statusCode(200).body("items.caseId", hasItem(elsewhere)).body("items.caseId", not(hasItem(late)));
        desk(TestTokens.bearer("leader"), OTHER_DISTRICT);
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/districts/999999/supervision")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("unit", STREET))
                .get("/api/v1/districts/" + DISTRICT + "/supervision").then().statusCode(403);

        // the desk: one line per unit of the district, the new orders counted
        JsonPath after = desk(district, DISTRICT);
        assertEquals(count(before, STREET, "overdue") + 1, count(after, STREET, "overdue"));
        assertEquals(count(before, STREET, "open") + 1, count(after, STREET, "open"));
        assertEquals(count(before, TOWN, "dueSoon") + 1, count(after, TOWN, "dueSoon"));
        assertEquals(DistrictUnits.codes(DISTRICT).size(), after.getList("units").size());
        assertTrue(after.getInt("totals.overdue") >= 1);
        assertEquals(0, count(after, "D" + DISTRICT, "open") - count(before, "D" + DISTRICT, "open"));

        // 催办: the unit hears it on its inbox, case.dispatch carries it, the order counts it
        given().header("Authorization", district).contentType(ContentType.JSON)
                .body(example("reminder.json").replace("C202611250000042", late))
                .post("/api/v1/work-orders/" + late + "/reminders").then().statusCode(201)
                .body("reminderCount", equalTo(1)).body("notifiedUnitCodes", equalTo(List.of(STREET)))
                .body("nextAllowedAt", notNullValue());
        InboxNotice notice = data(probe.awaitOne(r -> is(late, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(STREET))
                && data(r, EventCatalog.INBOX_NOTICE).kind() == Enums.NoticeKind.URGE, WAIT), EventCatalog.INBOX_NOTICE);
        assertEquals(DISTRICT, notice.details().get("urgedByDistrictCode"));
        assertEquals("district", notice.details().get("urgedByRole"));
        assertTrue(notice.message().contains("请今日内联系诉求人"), notice.message());
        WorkOrderUrged urged = awaitEvent(probe, late, EventCatalog.WORK_ORDER_URGED);
        assertEquals(STREET, urged.unitCode());
        assertEquals(DISTRICT, urged.urgedByDistrictCode());
        assertEquals(1, urged.reminderCount());
        assertTrue(urged.overdue());

        // at most one per interval: 429 with Retry-After, as problem+json; nothing more is sent
        var tooSoon = urge(district, late, "再催一次").statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).extract();
        long retryAfter = Long.parseLong(tooSoon.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        given().header("Authorization", district).get("/api/v1/work-orders/" + late).then().statusCode(200)
                .body("order.reminderCount", equalTo(1)).body("order.lastRemindedAt", notNullValue())
                .body("history.action", hasItem("URGED"));
        assertEquals(count(after, STREET, "urged") + 1, count(desk(district, DISTRICT), STREET, "urged"));

        // who may urge what: not another district's order, not as a unit; a reviewer anywhere; a message is needed
        urge(district, elsewhere, "催办").statusCode(403);
        urge(TestTokens.bearer("unit", STREET), late, "催办").statusCode(403);
        urge(district, fresh, null).statusCode(422).body("field", equalTo("message"));
        urge(TestTokens.bearer("reviewer"), elsewhere, "请尽快签收").statusCode(201);

        // a completed order cannot be urged (409), a closed one stays closed
        act(TOWN, fresh, "sign", "{}").statusCode(200);
        act(TOWN, fresh, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        act(TOWN, fresh, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"已处理\"}").statusCode(200);
        urge(district, fresh, "催办").statusCode(409).contentType("application/problem+json")
                .body("currentState", equalTo("COMPLETED"));
    }

    @Test
    void theIntervalIsADispatchSetting() {
        given().header("Authorization", TestTokens.bearer("admin")).get("/api/v1/admin/settings").then()
                .statusCode(200).body("find { it.name == 'reminder_interval_minutes' }.value", notNullValue());
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"value\":\"0\",\"expectedVersion\":1,\"reason\":\"x\"}")
                .put("/api/v1/admin/settings/reminder_interval_minutes").then().statusCode(422)
                .body("field", equalTo("value"));
    }
}
