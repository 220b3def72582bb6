package io.jiesu.intake.risk;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Risk words (风险词) through the real broker and database: a risk-word appeal given NORMAL becomes URGENT, the
 * timeline says why and jiesu.intake.risk-flagged.v1 is on case.intake beside case.received; the words are data
 * with an audited admin API.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class RiskWordTest {

    private static String withContent(String content) {
        return Appeals.unique().replace("\"urgency\": \"URGENT\"", "\"urgency\": \"NORMAL\"")
                .replace("家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。", content);
    }

    @Test
    void aRiskWordAppealGivenNormalBecomesUrgentAndIsFlaggedOnCaseIntake() throws Exception {
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            String caseId = Appeals.post(withContent("邻居老人说活着没意思想轻生，楼道里还有煤气味，请马上来人"))
                    .then().statusCode(201).extract().path("caseId");
            var flagged = probe.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.RISK_FLAGGED.type()).test(r), Duration.ofSeconds(30));
            RiskFlagged event = Json.mapper().readValue(flagged.value(), RiskFlagged.class);
            assertEquals(caseId, event.appealId());
            assertEquals("110101", event.districtCode());
            assertEquals(List.of(new RiskFlagged.RiskWordMatch("轻生", "SELF_HARM"),
                    new RiskFlagged.RiskWordMatch("煤气味", "GAS")), event.words());
            var received = probe.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.CASE_RECEIVED.type()).test(r), Duration.ofSeconds(30));
            assertEquals(Enums.Urgency.URGENT, Json.mapper().readValue(received.value(), CaseReceived.class).urgency(),
                    "dispatch gets the case as URGENT: the shortest time limits");
            assertEquals(1, probe.collect(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.RISK_FLAGGED.type()).test(r), Duration.ofMillis(500)).size());
            given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                    .then().body("urgency", equalTo("URGENT")).body("timeline.kind", hasItem("RISK_FLAGGED"));
        }
    }

    @Test
    void anAppealWithoutRiskWordsKeepsItsGivenUrgency() {
        String caseId = Appeals.post(withContent("小区门口的路灯坏了一个星期了")).then().statusCode(201)
                .extract().path("caseId");
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .then().body("urgency", equalTo("NORMAL"));
    }

    @Test
    void aRepeatAppealWithARiskWordFlagsTheOpenCase() throws Exception {
        String first = Appeals.unique();
        String caseId = Appeals.post(first).then().statusCode(201).extract().path("caseId");
        String repeat = first.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\"")
                .replace("家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。", "还是没人管，老人冻得说不想活了");
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            String repeatId = Appeals.post(repeat).then().statusCode(201).body("status", equalTo("LINKED"))
                    .extract().path("caseId");
            var flagged = probe.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.RISK_FLAGGED.type()).test(r), Duration.ofSeconds(30));
            RiskFlagged event = Json.mapper().readValue(flagged.value(), RiskFlagged.class);
            assertEquals(caseId, event.caseId());
            assertEquals(repeatId, event.appealId());
            assertEquals("不想活", event.words().get(0).word());
        }
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .then().body("timeline.kind", hasItem("RISK_FLAGGED"));
    }

    @Test
    void theWordsAreDataWithAnAuditedAdminApi() {
        String admin = TestTokens.bearer("admin");
        String word = "危险词" + UUID.randomUUID().toString().substring(0, 6);
        // bad input: 400 (kind's form), 422 (too short), 403 (not an admin)
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"word\": \"" + word + "\", \"kind\": \"self harm\", \"description\": \"x\"}")
                .post("/api/v1/admin/risk-words").then().statusCode(400);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"word\": \" 火 \", \"kind\": \"FIRE\", \"description\": \"fire\"}")
                .post("/api/v1/admin/risk-words").then().statusCode(422).body("field", equalTo("word"));
        given().header("Authorization", TestTokens.bearer("operator")).contentType(ContentType.JSON)
                .body("{\"word\": \"" + word + "\", \"kind\": \"VIOLENCE\", \"description\": \"test\"}")
                .post("/api/v1/admin/risk-words").then().statusCode(403);

        int id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"word\": \"" + word + "\", \"kind\": \"VIOLENCE\", \"description\": \"test word\"}")
                .post("/api/v1/admin/risk-words").then().statusCode(201).body("active", equalTo(true))
                .extract().path("id");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"word\": \"" + word + "\", \"kind\": \"VIOLENCE\", \"description\": \"again\"}")
                .post("/api/v1/admin/risk-words").then().statusCode(409);
        String urgent = Appeals.post(withContent("有人说" + word + "，请处理")).then().statusCode(201)
                .extract().path("caseId");
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + urgent)
                .then().body("urgency", equalTo("URGENT"));

        given().header("Authorization", admin).post("/api/v1/admin/risk-words/" + id + "/deactivate")
                .then().statusCode(200).body("active", equalTo(false));
        given().header("Authorization", admin).post("/api/v1/admin/risk-words/" + id + "/deactivate")
                .then().statusCode(409);
        String normal = Appeals.post(withContent("有人说" + word + "，请处理")).then().statusCode(201)
                .extract().path("caseId");
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + normal)
                .then().body("urgency", equalTo("NORMAL"));
        given().header("Authorization", admin).get("/api/v1/admin/risk-words/" + id).then().statusCode(200)
                .body("audit.action", equalTo(List.of("DEACTIVATED", "CREATED")));
        given().header("Authorization", admin).get("/api/v1/admin/risk-words?active=true").then().statusCode(200)
                .body("word", hasItem("轻生"));
        given().header("Authorization", admin).post("/api/v1/admin/risk-words/999999999/deactivate")
                .then().statusCode(404);
    }
}
