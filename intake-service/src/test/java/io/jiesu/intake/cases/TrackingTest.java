package io.jiesu.intake.cases;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Citizens' case tracking: the right pair shows the progress and nothing personal; every miss looks the same; misses
 * are limited per case number and per client; only the tracking service identity may ask.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class TrackingTest {
    static Response track(String body, String client) {
        return given().header("Authorization", TestTokens.bearer("tracking"))
                .header(TrackingResource.CLIENT_HEADER, client).contentType(ContentType.JSON).body(body)
                .post("/api/v1/case-tracking");
    }

    static String pair(String caseId, String phone) {
        return "{\"caseId\": \"" + caseId + "\", \"phone\": \"" + phone + "\"}";
    }

    static String client() {
        return "203.0.113." + UUID.randomUUID(); // a fresh client per call unless a test means one client
    }

    static String[] newCase() {
        String phone = Appeals.randomPhone();
        String body = Appeals.unique().replaceFirst("\"phone\": \"[0-9]+\"", "\"phone\": \"" + phone + "\"");
        String caseId = Appeals.post(body).then().statusCode(201).extract().path("caseId");
        return new String[] {caseId, phone};
    }

    @Test
    void theRightPairShowsTheProgressAndNothingPersonal() throws Exception {
        String[] c = newCase();
        track(pair(c[0], c[1]), client()).then().statusCode(200).body("status", equalTo("RECEIVED"))
                .body("unitCode", nullValue()).body("completionDueAt", nullValue());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant due = now.plus(Duration.ofDays(3));
        CaseTimelineTest.publish(EventCatalog.CASE_DISPATCHED, c[0], new CaseDispatched(c[0], "110101001",
                Enums.DispatchMode.DIRECT, "territorial-default", "属地", now, now.plusSeconds(3600),
                now.plusSeconds(7200), due, Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "HEATING", "110101",
                "110101001"));
        // the phone as a citizen might type it: spaces and the country code
        String typed = "+86 " + c[1].substring(0, 3) + " " + c[1].substring(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> track(pair(c[0].toLowerCase(), typed), client())
                .then().statusCode(200).body("status", equalTo("DISPATCHED")).body("unitCode", equalTo("110101001"))
                .body("completionDueAt", equalTo(due.toString())).body("handedOverAt", equalTo(now.toString())));
        CaseTimelineTest.publish(EventCatalog.CASE_COMPLETED_V2, c[0], new CaseCompletedV2(c[0], "110101001",
                now.plusSeconds(60), Enums.CompletionOutcome.EXPLAINED, "已向您说明供暖标准", "室温符合规定", null,
                null, false, 1));
        CaseTimelineTest.publish(EventCatalog.VISIT_RECORDED, c[0], new VisitRecorded(c[0], "V-" + c[0],
                now.plusSeconds(120), true, true, Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED, "好"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> track(pair(c[0], c[1]), client()).then()
                .statusCode(200).body("status", equalTo("VISITED")).body("visitedAt", not(nullValue())));
        String answer = track(pair(c[0], c[1]), client()).then().statusCode(200)
                .body("outcome", equalTo("EXPLAINED")).body("explanation", equalTo("已向您说明供暖标准；室温符合规定"))
                .body("completedAt", equalTo(now.plusSeconds(60).toString()))
                .body("completionDueAt", nullValue()) // completed: no due time any more
                .body("categoryCode", equalTo("HEATING")).extract().asString();
        for (String personal : List.of(c[1], "citizen", "phone", "name", "address", "content", "location",
                "satisf", "好")) {
            assertFalse(answer.contains(personal), personal + " in " + answer);
        }
    }

    @Test
    void everyMissAnswersTheSame() {
        String[] c = newCase();
        List<String> misses = List.of(pair(c[0], "13000000000"), pair("C209901010000001", c[1]),
                pair("C2099' OR '1'='1", c[1]), pair(c[0], ""), pair(c[0], "x".repeat(5000)), "{}", "{\"caseId\": \""
                        + c[0] + "\"}", pair("", ""));
        String first = null;
        for (String miss : misses) {
            Response r = track(miss, client());
            assertEquals(404, r.statusCode(), miss);
            String body = r.asString();
            first = first == null ? body : first;
            assertEquals(first, body, miss);
            assertEquals("application/problem+json", r.contentType(), miss);
        }
        assertFalse(first.contains(c[0]), first);
    }


    @Test
    void fiveMissesOnACaseNumberRefuseEvenTheRightPairForAWhile() {
        String[] c = newCase();
        track(pair(c[0], c[1]), client()).then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            track(pair(c[0], "1300000000" + i), client()).then().statusCode(404); // each from another client
        }
        Response refused = track(pair(c[0], c[1]), client());
        refused.then().statusCode(429).contentType("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 3000 && retryAfter <= 3601, "Retry-After " + retryAfter);
        // another case is not affected
        String[] other = newCase();
        track(pair(other[0], other[1]), client()).then().statusCode(200);
    }

    @Test
    void twentyMissesFromOneClientRefuseThatClient() {
        String[] c = newCase();
        String client = client();
        for (int i = 0; i < 20; i++) {
            track(pair("C2099010100" + String.format("%05d", i), c[1]), client).then().statusCode(404);
        }
        track(pair(c[0], c[1]), client).then().statusCode(429).header("Retry-After", not(nullValue()));
        track(pair(c[0], c[1]), client()).then().statusCode(200); // another client still may
    }

    @Test
    void onlyTheTrackingIdentityMayAsk() {
        String[] c = newCase();
        for (String role : List.of("operator", "telephony", "admin", "reviewer")) {
            given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON)
                    .body(pair(c[0], c[1])).post("/api/v1/case-tracking").then().statusCode(403);
        }
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).contentType(ContentType.JSON)
                .body(pair(c[0], c[1])).post("/api/v1/case-tracking").then().statusCode(403);
        given().contentType(ContentType.JSON).body(pair(c[0], c[1])).post("/api/v1/case-tracking").then()
                .statusCode(401);
    }
}
