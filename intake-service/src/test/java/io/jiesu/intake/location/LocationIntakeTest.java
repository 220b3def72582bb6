package io.jiesu.intake.location;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Location as a citizen gives it (issue 20.3), through the real database and broker: an Open311 request with only
 * lat/long is accepted and marked 地点待确认 (in the case and its {@code case.received}); one whose address names a
 * street is placed there; a REST appeal with no location at all is still a 400.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class LocationIntakeTest {
    static RequestSpecification open311() {
        return given().header("Authorization", TestTokens.bearer("telephony"))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("service_code", "ROAD_DAMAGE").formParam("description", "路面塌陷一个大坑，电动车经过很危险")
                .formParam("phone", Appeals.randomPhone());
    }

    /** The case's {@code case.received} as a consumer reads it (the probe reads the topic from its beginning). */
    static CaseReceived received(String caseId) throws Exception {
        try (KafkaProbe caseIntake = KafkaProbe.follow(Topics.CASE_INTAKE.replace(".", "\\."))) {
            ConsumerRecord<String, String> record = caseIntake.awaitOne(r -> caseId.equals(r.key())
                    && EventCatalog.CASE_RECEIVED.type().equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)),
                    Duration.ofSeconds(30));
            return Json.mapper().readValue(record.value(), CaseReceived.class);
        }
    }

    @Test
    void anOpen311RequestWithOnlyLatLongIsAcceptedAndMarkedLocationToConfirm() throws Exception {
        String id = open311().formParam("lat", "39.9139").formParam("long", "116.3974")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");

        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + id).then()
                .statusCode(200).body("status", equalTo("RECEIVED")).body("locationToConfirm", equalTo(true))
                .body("location.streetCode", nullValue()).body("location.districtCode", nullValue())
                .body("location.latitude", equalTo(39.9139f)).body("timeline.kind", hasItem("LOCATION_TO_CONFIRM"));
        CaseReceived event = received(id);
        assertEquals(Boolean.TRUE, event.locationToConfirm());
        assertNull(event.location().streetCode());
        assertEquals(116.3974, event.location().longitude());
    }

    @Test
    void anOpen311AddressNamingAStreetIsResolvedToThatStreet() throws Exception {
        String id = open311().formParam("address_string", "东城区东华门街道南池子大街 " + UUID.randomUUID())
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");

        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + id).then()
                .statusCode(200).body("locationToConfirm", equalTo(false))
                .body("location.districtCode", equalTo("110101")).body("location.streetCode", equalTo("110101001"))
                .body("timeline.kind", not(hasItem("LOCATION_TO_CONFIRM")));
        CaseReceived event = received(id);
        assertNull(event.locationToConfirm(), "a known street/town leaves the marker out, as before");
        assertEquals("110101001", event.location().streetCode());
    }

    @Test
    void aRestAppealWithOnlyAnAddressIsResolvedAndOneWithNoLocationIsStill400() throws Exception {
        String example = Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
                "appeal-address-only.json"))
                .replace("WECHAT-20261207-0951-000311", "WECHAT-" + UUID.randomUUID())
                .replace("2026-12-07T01:51:41Z", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("13700137000", Appeals.randomPhone())
                .replace("路面塌陷处", "路面塌陷处" + UUID.randomUUID());
        String caseId = Appeals.post(example).then().statusCode(201).body("locationToConfirm", equalTo(false))
                .body("location.streetCode", equalTo("110101001")).extract().path("caseId");
        assertTrue(caseId.startsWith("C"));

        String onlyADistrict = example.replaceFirst("\"externalId\": \"[^\"]+\"",
                "\"externalId\": \"WECHAT-" + UUID.randomUUID() + "\"").replace("东城区东华门街道南池子大街", "朝阳区某路口");
        Appeals.post(onlyADistrict).then().statusCode(201).body("locationToConfirm", equalTo(true))
                .body("location.districtCode", equalTo("110105")).body("location.streetCode", nullValue());

        String nowhere = example.replaceFirst("\"location\": \\{[^}]*}", "\"location\": {}");
        Appeals.post(nowhere).then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors.field", hasItem("location")).body(containsString("a location is required"));
        Appeals.post(example.replaceFirst("\"location\": \\{[^}]*},", "")).then().statusCode(400);
        // a code that is given is still checked as before
        Appeals.post(example.replace("\"location\": {", "\"location\": {\"districtCode\": \"999999\", "))
                .then().statusCode(422).body(containsString("location.districtCode"));
    }
}
