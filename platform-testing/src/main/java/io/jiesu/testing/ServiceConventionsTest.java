package io.jiesu.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The Quarkus conventions every Jiesu service keeps, on the real database and broker: readiness includes the
 * database and Kafka, metrics and OpenAPI are open, the API needs a token. A service's test extends this and adds
 * {@code @QuarkusTest} and its {@code @QuarkusTestResource(JiesuTestResource)}.
 */
public abstract class ServiceConventionsTest {
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
