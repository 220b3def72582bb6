package io.jiesu.intake.appeal;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.intake.Appeals;
import io.jiesu.intake.caller.CallerHash;
import io.jiesu.platform.security.VerifiedTokenCache;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appeal intake over REST, through the real database and the real broker. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class AppealIntakeTest {
    static KafkaProbe caseIntake;
    @Inject
    CallerHash callerHash;

    @BeforeAll
    static void follow() {
        caseIntake = KafkaProbe.follow(Topics.CASE_INTAKE.replace(".", "\\."));
    }

    @AfterAll
    static void close() {
        caseIntake.close();
    }

    static String example() {
        return Appeals.example();
    }

    static String appealWithExternalId(String externalId) {
        return Appeals.unique().replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"" + externalId + "\"");
    }

    static Response post(String body, String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/appeals");
    }

    @Test
    void anAcceptedAppealBecomesACaseAndACaseReceivedEventKeyedByCaseId() throws Exception {
        String externalId = "CTI-" + UUID.randomUUID();
        String caseId = post(appealWithExternalId(externalId), "telephony").then().statusCode(201)
                .header("Location", containsString("/api/v1/cases/"))
                .body("status", equalTo("RECEIVED"))
                .body("externalId", equalTo(externalId))
                .body("timeline.kind", hasItem("RECEIVED"))
                .extract().path("caseId");
        assertTrue(caseId.startsWith("C"));

        ConsumerRecord<String, String> record = caseIntake.awaitOne(
                r -> caseId.equals(r.key()) && EventCatalog.CASE_RECEIVED.type()
                        .equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(30));
        assertEquals(caseId, KafkaProbe.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("1.0", KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals("/jiesu/intake-service", KafkaProbe.header(record, CloudEventHeaders.SOURCE));
        assertEquals("application/json", KafkaProbe.header(record, CloudEventHeaders.CONTENT_TYPE));
        CaseReceived event = Json.mapper().readValue(record.value(), CaseReceived.class);
        assertEquals(externalId, event.externalId());
        assertEquals("HEATING", event.categoryCode());
        assertEquals("110101001", event.location().streetCode());
        assertTrue(event.citizen().phone().startsWith("139"));
        // the caller's pseudonym: intake's keyed hash of the phone (what analytics groups a caller's cases by)
        assertEquals(callerHash.of(event.citizen().phone()), event.callerHash());
        assertTrue(event.callerHash().matches("[0-9a-f]{64}"), event.callerHash());

        // a confidential citizen (保密) gets no pseudonym either: nothing downstream can link their cases
        String confidentialId = "CTI-" + UUID.randomUUID();
        String confidentialCase = post(appealWithExternalId(confidentialId)
                .replace("\"confidential\": false", "\"confidential\": true"), "telephony").then().statusCode(201)
                .body("status", equalTo("RECEIVED")).extract().path("caseId");
        ConsumerRecord<String, String> confidential = caseIntake.awaitOne(
                r -> confidentialCase.equals(r.key()) && EventCatalog.CASE_RECEIVED.type()
                        .equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(30));
        CaseReceived withheld = Json.mapper().readValue(confidential.value(), CaseReceived.class);
        assertTrue(withheld.citizen().confidential());
        assertNull(withheld.citizen().phone());
        assertNull(withheld.callerHash());
        assertFalse(confidential.value().contains("callerHash"), confidential.value());

        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .then().statusCode(200).body("caseId", equalTo(caseId)).body("categoryCode", equalTo("HEATING"));
    }

    @Test
    void aRetryReturnsTheSameCaseWith200AndPublishesNothingNew() throws Exception {
        String externalId = "CTI-" + UUID.randomUUID();
        String first = post(appealWithExternalId(externalId), "telephony").then().statusCode(201)
                .extract().path("caseId");
        String second = post(appealWithExternalId(externalId), "telephony").then().statusCode(200)
                .extract().path("caseId");
        assertEquals(first, second);
        List<ConsumerRecord<String, String>> events = caseIntake.collect(r -> first.equals(r.key()),
                Duration.ofSeconds(3));
        assertEquals(1, events.size(), "one case.received for one externalId");
    }

    @Test
    void identicalRequestsRacingEachOtherCreateOneCase() throws Exception {
        String body = appealWithExternalId("CTI-race-" + UUID.randomUUID());
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            calls.add(() -> post(body, "telephony"));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            responses.add(f.get());
        }
        pool.shutdown();
        long created = responses.stream().filter(r -> r.statusCode() == 201).count();
        long replayed = responses.stream().filter(r -> r.statusCode() == 200).count();
        assertEquals(1, created, "exactly one request creates the case");
        assertEquals(racers - 1, replayed, "the others get the same case");
        String caseId = responses.get(0).path("caseId");
        responses.forEach(r -> assertEquals(caseId, r.path("caseId")));
        assertEquals(1, caseIntake.collect(r -> caseId.equals(r.key()), Duration.ofSeconds(3)).size());
    }

    @Test
    void invalidFieldsAreAllNamedWith400() {
        post("""
                {"externalId": "x y", "channel": "PHONE", "citizen": {"anonymous": true},
                 "type": "COMPLAINT", "location": {"address": " "}, "content": ""}""", "telephony")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("externalId"))
                .body("errors.field", hasItem("receivedAt"))
                // a district alone is a location now (its street/town to confirm); nothing that says where is not
                .body("errors.field", hasItem("location"))
                .body("errors.field", hasItem("content"));
    }

    @Test
    void malformedJsonAndBadEnumsAre400NotServerErrors() {
        post("{\"externalId\": ", "telephony").then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("the body is not valid JSON"));
        post("""
                {"externalId": "a1", "channel": "PIGEON"}""", "telephony")
                .then().statusCode(400).body("errors[0].field", equalTo("channel"))
                .body("detail", containsString("PHONE"));
        post("", "telephony").then().statusCode(400);
    }

    @Test
    void unknownCodesAre422WithWhereToFindTheValidOnes() throws Exception {
        String body = appealWithExternalId("CTI-" + UUID.randomUUID())
                .replace("\"110101001\"", "\"110105001\"").replace("\"HEATING\"", "\"NO_SUCH_THING\"");
        post(body, "telephony").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("location.streetCode"))
                .body("errors.field", hasItem("categoryCode"))
                .body("detail", containsString("GET /api/v1/reference/districts/110101/streets"))
                .body("detail", containsString("GET /api/v1/categories"));
        given().header("Authorization", TestTokens.bearer("operator"))
                .get("/api/v1/reference/districts/110101/streets").then().statusCode(200)
                .body("code", hasItem("110101001"));
    }

    @Test
    void callersNeedAValidTokenWithTheRightRole() throws Exception {
        given().contentType(ContentType.JSON).body(example()).post("/api/v1/appeals").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").contentType(ContentType.JSON).body(example())
                .post("/api/v1/appeals").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).contentType(ContentType.JSON)
                .body(example()).post("/api/v1/appeals").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", "110101001"))
                .get("/api/v1/cases/C000").then().statusCode(403);
    }

    @Test
    void aVerifiedTokenIsRememberedButATamperedCopyIsStillRefused() {
        // the request filter's parser is the platform's cache in front of smallrye-jwt's
        assertTrue(ClientProxy.unwrap(Arc.container().instance(JWTParser.class).get()) instanceof VerifiedTokenCache);
        String token = TestTokens.token("unit", "110101001");
        given().header("Authorization", "Bearer " + token).get("/api/v1/cases/C000").then().statusCode(403);
        given().header("Authorization", "Bearer " + token).get("/api/v1/cases/C000").then().statusCode(403);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"unit\"", "\"operator\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", "Bearer " + tampered).get("/api/v1/cases/C000").then().statusCode(401);
    }

    @Test
    void theQuarkusConventionsAnswerWithoutAToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jiesu_outbox_relayed"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/appeals"))
                .body(containsString("a heating complaint from the telephony system"))
                .body(containsString("a citizen asks about a case"))
                .body(containsString("/open311/v2/requests.{format}"));
    }
}
