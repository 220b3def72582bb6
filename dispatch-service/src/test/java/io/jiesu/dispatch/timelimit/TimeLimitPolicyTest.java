package io.jiesu.dispatch.timelimit;

import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The time-limit policy is data an administrator manages. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class TimeLimitPolicyTest {
    static final String HELP = """
            {"urgency": null, "appealType": "HELP", "priority": 10, "signForMinutes": 60, "contactMinutes": 720,
             "completionMinutes": 4320, "signForRemindMinutes": 15, "contactRemindMinutes": 120,
             "completionRemindMinutes": 720, "description": "help: contact within 12 h, resolve within 3 days"}""";

    @Test
    void anAdministratorAddsAndChangesAPolicyAndOthersMayOnlyRead() {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body(HELP)
                .put("/api/v1/admin/time-limits/help").then().statusCode(201).body("contactMinutes", equalTo(720))
                .body("version", equalTo(1));
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(HELP.replace("720,", "600,")).put("/api/v1/admin/time-limits/help").then().statusCode(200)
                .body("contactMinutes", equalTo(600)).body("version", equalTo(2));
        // every change is kept with who made it and the policy as it became, newest first
        given().header("Authorization", TestTokens.bearer("admin")).get("/api/v1/admin/time-limits/help/history")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.contains(2, 1))
                .body("action", org.hamcrest.Matchers.contains("CHANGED", "CREATED"))
                .body("actor[0]", equalTo("test-admin")).body("policy[0].contactMinutes", equalTo(600))
                .body("policy[1].contactMinutes", equalTo(720));
        given().header("Authorization", TestTokens.bearer("admin")).get("/api/v1/admin/time-limits/nope/history")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).get("/api/v1/admin/time-limits")
                .then().statusCode(200).body("id", hasItem("help")).body("id", hasItem("urgent"));
        given().header("Authorization", TestTokens.bearer("reviewer")).contentType(ContentType.JSON).body(HELP)
                .put("/api/v1/admin/time-limits/help").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(HELP.replace("\"signForRemindMinutes\": 15", "\"signForRemindMinutes\": 90"))
                .put("/api/v1/admin/time-limits/help").then().statusCode(422);
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(HELP.replace("\"HELP\"", "\"GOSSIP\"")).put("/api/v1/admin/time-limits/help").then()
                .statusCode(422);
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/admin/time-limits/help").then().statusCode(400);
    }
}
