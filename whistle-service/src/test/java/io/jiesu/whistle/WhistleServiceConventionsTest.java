package io.jiesu.whistle;

import io.jiesu.testing.JiesuTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The Quarkus conventions of whistle-service, on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "whistle"))
class WhistleServiceConventionsTest {
    @Test
    void readyMeansTheDatabaseAndKafkaAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsAndOpenApiAreOpen() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jiesu_outbox_pending"));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theApiNeedsAToken() {
        given().get("/api/v1/anything").then().statusCode(401);
    }
}
