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

    /**
     * The Kafka clients' metrics reach Micrometer ({@code KafkaClientMeters}) and nothing else: no JMX MBean per
     * metric group (platform config {@code kafka.metric.reporters}), which for hundreds of unit topics was only heap.
     */
    @Test
    void kafkaClientMetricsGoToMicrometerNotJmx() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        for (String domain : java.util.List.of("kafka.consumer", "kafka.producer", "kafka.admin.client")) {
            // the one app-info MBean per client (version, start time) comes from the client itself, not a reporter
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                    jmx.queryNames(new javax.management.ObjectName(domain + ":*"), null).stream()
                            .filter(name -> !"app-info".equals(name.getKeyProperty("type"))).toList(), domain);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }
}
