package io.jiesu.whistle.whistle;

import io.jiesu.contract.Json;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * 各区统筹 reads whistles: a district token lists its own district's (escalated) whistles and nothing of another
 * district (403); wider roles read any district. Escalation itself is {@link WhistleTest}'s; here it is set directly.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "whistle"))
class DistrictWhistlesTest {
    static final String DISTRICT = "110114"; // 昌平区
    static final String STREET = "110114001";
    static final String OTHER_DISTRICT = "110106"; // 丰台区
    static final String OTHER_STREET = "110106001";

    @Inject
    EntityManager em;

    /** A street/town whistles about a problem in its own area (no case). */
    static String blow(String district, String street) {
        String body = Json.mapper().createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("summonedUnitCodes",
                        Json.mapper().valueToTree(List.of("DEPT_HOUSING", "ENT_HEATING")))
                .put("matter", "老旧小区供暖管线破裂").put("reason", "需热力集团和住建委共同处置")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("location", Json.mapper().valueToTree(
                        Map.of("districtCode", district, "streetCode", street, "address", "某路1号")))
                .put("urgency", "NORMAL").toString();
        return given().header("Authorization", TestTokens.bearer("unit", street)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/whistles").then().statusCode(201).extract().path("whistleId");
    }

    @Test
    void aDistrictListsItsOwnEscalatedWhistlesOnly() {
        String escalated = blow(DISTRICT, STREET);
        String quiet = blow(DISTRICT, STREET);
        String elsewhere = blow(OTHER_DISTRICT, OTHER_STREET);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE whistle SET escalation_level = 'DISTRICT' WHERE whistle_id IN (?1, ?2)")
                .setParameter(1, escalated).setParameter(2, elsewhere).executeUpdate());
        String district = TestTokens.districtBearer(DISTRICT);

        given().header("Authorization", district).queryParam("escalated", "true").queryParam("size", 500)
                .get("/api/v1/whistles").then().statusCode(200)
                .body("items.whistleId", hasItem(escalated)).body("items.whistleId", not(hasItem(quiet)))
                .body("items.whistleId", not(hasItem(elsewhere)))
                .body("items.districtCode", everyItem(equalTo(DISTRICT)))
                .body("items.find { it.whistleId == '" + escalated + "' }.notReportedIn",
                        equalTo(List.of("DEPT_HOUSING", "ENT_HEATING")))
                .body("total", notNullValue());
        given().header("Authorization", district).queryParam("districtCode", DISTRICT).queryParam("size", 500)
                .get("/api/v1/whistles").then().statusCode(200).body("items.whistleId", hasItem(quiet));
        given().header("Authorization", district).get("/api/v1/whistles/" + escalated).then().statusCode(200);

        // another district: 403, whether it lists or looks at one
        given().header("Authorization", district).queryParam("districtCode", OTHER_DISTRICT)
                .get("/api/v1/whistles").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", district).get("/api/v1/whistles/" + elsewhere).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", STREET)).get("/api/v1/whistles").then()
                .statusCode(403);

        // wider roles: any district; bad filters are 400s
        given().header("Authorization", TestTokens.bearer("leader")).queryParam("districtCode", OTHER_DISTRICT)
                .queryParam("escalated", "true").get("/api/v1/whistles").then().statusCode(200)
                .body("items.whistleId", hasItem(elsewhere));
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("level", "CITY")
                .queryParam("districtCode", DISTRICT).get("/api/v1/whistles").then().statusCode(200)
                .body("items.whistleId", not(hasItem(escalated)));
        for (var bad : List.of(Map.of("escalated", "yes"), Map.of("level", "STREET"), Map.of("districtCode", "999999"),
                Map.of("size", "501"))) {
            given().header("Authorization", TestTokens.bearer("reviewer")).queryParams(bad).get("/api/v1/whistles")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }
}
