package io.jiesu.whistle.whistle;

import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A unit's own whistles: the street/town that blew one and each department it summoned find it in
 * {@code /api/v1/units/{unitCode}/whistles}; a unit not involved does not, and another unit's list is a 403.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "whistle"))
class UnitWhistlesTest {
    static final String STREET = "110108001";

    @Test
    void theLeadAndEachSummonedDepartmentFindTheWhistleOthersDoNot() {
        String id = DistrictWhistlesTest.blow("110108", STREET);

        given().header("Authorization", TestTokens.bearer("unit", STREET))
                .get("/api/v1/units/" + STREET + "/whistles").then().statusCode(200)
                .body("items.whistleId", hasItem(id))
                .body("items.find { it.whistleId == '" + id + "' }.notReportedIn",
                        equalTo(List.of("DEPT_HOUSING", "ENT_HEATING")));
        given().header("Authorization", TestTokens.bearer("unit", "ENT_HEATING")).queryParam("status", "OPEN")
                .get("/api/v1/units/ENT_HEATING/whistles").then().statusCode(200)
                .body("items.whistleId", hasItem(id));
        given().header("Authorization", TestTokens.bearer("unit", "110108002"))
                .get("/api/v1/units/110108002/whistles").then().statusCode(200)
                .body("items.whistleId", not(hasItem(id)));
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("status", "CLOSED")
                .get("/api/v1/units/ENT_HEATING/whistles").then().statusCode(200)
                .body("items.whistleId", not(hasItem(id)));

        // another unit's list, a bad filter, an unknown unit
        given().header("Authorization", TestTokens.bearer("unit", "110108002"))
                .get("/api/v1/units/" + STREET + "/whistles").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", STREET)).queryParam("status", "MAYBE")
                .get("/api/v1/units/" + STREET + "/whistles").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/units/NO_SUCH_UNIT/whistles").then().statusCode(404);
    }
}
