package io.jiesu.intake.admission;

import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The time budget: every request is stamped when it arrives, and one that queued longer than
 * {@code jiesu.intake.admission.max-queue-time} before intake's code could look at it is refused with 503. With a
 * budget of 0 every appeal has queued too long, which proves the stamp reaches the endpoint.
 */
@QuarkusTest
@TestProfile(QueueTimeTest.NoQueueing.class)
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class QueueTimeTest {

    public static class NoQueueing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jiesu.intake.admission.max-queue-time", "PT0S");
        }
    }

    @Test
    void aRequestThatQueuedLongerThanTheBudgetIsRefusedWith503() {
        Appeals.post(Appeals.unique()).then().statusCode(503).header("Retry-After", "1")
                .body("status", equalTo(503)).body("detail", containsString("queued"));
    }

    @Test
    void anOpen311SubmissionIsRefusedTheSameWayInTheSpecsErrorList() {
        given().header("Authorization", TestTokens.bearer("telephony"))
                .contentType("application/x-www-form-urlencoded").formParam("service_code", "NOISE")
                .formParam("address_string", "东城区东华门街道").formParam("description", "噪音")
                .post("/open311/v2/requests.json").then().statusCode(503).header("Retry-After", "1")
                .body("[0].code", equalTo(503)).body("[0].description", containsString("queued"));
    }
}
