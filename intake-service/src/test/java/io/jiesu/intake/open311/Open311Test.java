package io.jiesu.intake.open311;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** An Open311 GeoReport v2 round trip: discover, define, submit, follow — in JSON and XML. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class Open311Test {
    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    static RequestSpecification request() {
        return as("telephony").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("service_code", "GARBAGE_CLEARANCE")
                .formParam("attribute[district_code]", "110108")
                .formParam("attribute[street_code]", "110108001")
                .formParam("lat", "39.9887").formParam("long", "116.3096")
                .formParam("address_string", "海淀区某小区东门 " + UUID.randomUUID())
                .formParam("description", "小区门口的垃圾三天没有清运了")
                .formParam("first_name", "明").formParam("last_name", "李")
                .formParam("phone", "1391" + String.format("%07d", (int) (Math.random() * 10_000_000)))
                .formParam("media_url", "https://img.example/garbage.jpg");
    }

    static <T> void publish(io.jiesu.contract.EventType<T> type, String caseId, T data) throws Exception {
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), type.topic(), caseId,
                Json.mapper().writeValueAsString(data), Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, type.type(), CloudEventHeaders.SOURCE, "/test",
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.SUBJECT, caseId));
    }

    @Test
    void discoveryServicesAndDefinitionsInBothFormats() {
        as("operator").get("/open311/v2/discovery.json").then().statusCode(200)
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"));
        as("operator").get("/open311/v2/services.json").then().statusCode(200)
                .contentType(startsWith("application/json")).body("service_code", hasItem("HEATING"));
        as("operator").get("/open311/v2/services.xml").then().statusCode(200)
                .contentType(startsWith("text/xml"))
                .body("services.service.service_code", hasItem("GARBAGE_SORTING"));
        as("operator").get("/open311/v2/services/HEATING.json").then().statusCode(200)
                .body("service_code", equalTo("HEATING"))
                .body("attributes.code", hasItem("street_code"))
                .body("attributes.find { it.code == 'district_code' }.values.key", hasItem("110101"));
        as("operator").get("/open311/v2/services/NOPE.xml").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
        // reads are public (issue 20): stock GeoReport v2 clients send no token
        given().get("/open311/v2/services.json").then().statusCode(200);
        // the submission is described as the form it is (it reads the raw bytes to honour the charset)
        given().get("/q/openapi?format=json").then().statusCode(200).body(
                "paths.'/open311/v2/requests.{format}'.post.requestBody.content.keySet()",
                hasItem("application/x-www-form-urlencoded"));
    }

    @Test
    void aRequestRoundTripFromSubmissionToClosed() throws Exception {
        String id = request().post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", startsWith("C")).extract().path("[0].service_request_id");
        as("operator").get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].status", equalTo("open")).body("[0].service_code", equalTo("GARBAGE_CLEARANCE"))
                .body("[0].lat", equalTo(39.9887f));
        as("operator").get("/api/v1/cases/" + id).then().body("channel", equalTo("OPEN311"))
                .body("citizen.name", equalTo("李明")).body("attachments[0].url", containsString("garbage.jpg"));

        Instant now = Instant.now();
        publish(EventCatalog.CASE_DISPATCHED, id, new CaseDispatched(id, "110108001", Enums.DispatchMode.DIRECT,
                "territorial-default", "属地", now, now, now, now, Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT,
                "GARBAGE_CLEARANCE", "110108", "110108001"));
        publish(EventCatalog.CASE_COMPLETED, id, new CaseCompleted(id, "110108001", now, Enums.Outcome.RESOLVED,
                "已清运", null, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> "closed".equals(as("operator")
                .get("/open311/v2/requests/" + id + ".json").path("[0].status")));
        as("operator").queryParam("service_request_id", id).get("/open311/v2/requests.xml").then().statusCode(200)
                .body("service_requests.request.status", equalTo("closed"))
                .body("service_requests.request.agency_responsible", equalTo("万寿路街道"));
        as("operator").queryParam("status", "closed").queryParam("service_code", "GARBAGE_CLEARANCE")
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(id));
    }

    @Test
    void anIdempotencyKeyMakesRetriesSafe() {
        String key = UUID.randomUUID().toString();
        String first = request().header("Idempotency-Key", key).post("/open311/v2/requests.json").then()
                .statusCode(201).extract().path("[0].service_request_id");
        request().header("Idempotency-Key", key).post("/open311/v2/requests.json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(first));
    }

    @Test
    void errorsUseTheOpen311Format() {
        as("telephony").contentType("application/x-www-form-urlencoded").formParam("description", "x")
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].code", equalTo(400)).body("[0].description", containsString("service_code"));
        as("telephony").contentType("application/x-www-form-urlencoded").formParam("service_code", "NOISE")
                .formParam("attribute[district_code]", "110101").formParam("attribute[street_code]", "110108001")
                .formParam("address_string", "某地").formParam("description", "噪音")
                .post("/open311/v2/requests.xml").then().statusCode(400)
                .body("errors.error.description", containsString("attribute[street_code]"));
        as("analyst").contentType("application/x-www-form-urlencoded").formParam("service_code", "NOISE")
                .post("/open311/v2/requests.json").then().statusCode(403).body("[0].code", equalTo(403));
        as("operator").get("/open311/v2/requests/NOPE.json").then().statusCode(404);
        as("operator").queryParam("start_date", "yesterday").get("/open311/v2/requests.json").then()
                .statusCode(400);
    }
}
