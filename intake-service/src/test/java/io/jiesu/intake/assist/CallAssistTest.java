package io.jiesu.intake.assist;

import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The call-taker's hints while a call is on: categories, urgency, answers, the caller's history. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class CallAssistTest {

    static io.restassured.response.Response assist(String path, String body) {
        return given().header("Authorization", TestTokens.bearer("operator")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/assist/" + path);
    }

    @Test
    void contentBeingTypedGetsRankedCategoriesUrgencyAndAnswers() {
        assist("classification", "{\"content\": \"楼里从早上开始停水，一直没有来水\", \"type\": \"COMPLAINT\"}")
                .then().statusCode(200).body("categories[0].categoryCode", equalTo("WATER_OUTAGE"))
                .body("urgency", equalTo("URGENT")).body("answers", empty());
        assist("classification", "{\"content\": \"请问社保卡丢了怎么办\", \"type\": \"CONSULTATION\"}")
                .then().statusCode(200).body("answers[0].id", equalTo("kb-social-card-replacement"));
        assist("classification", "{\"content\": \"\"}").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("unit", "110101001")).contentType(ContentType.JSON)
                .body("{\"content\": \"停水\"}").post("/api/v1/assist/classification").then().statusCode(403);
    }

    @Test
    void aCallersRecentCasesAndTheOpenCaseThisWouldRepeatShowBeforeSubmitting() {
        String phone = Appeals.randomPhone();
        String first = Appeals.post(Appeals.unique().replaceFirst("\"phone\": \"[0-9]+\"", "\"phone\": \"" + phone + "\""))
                .then().statusCode(201).extract().path("caseId");
        assist("caller", "{\"phone\": \"" + phone + "\", \"categoryCode\": \"HEATING\", \"streetCode\": \"110101001\"}")
                .then().statusCode(200).body("recentCases.caseId", hasItem(first))
                .body("repeatCandidate.caseId", equalTo(first)).body("repeatCandidate.reason", equalTo("SAME_CALLER"));
        assist("caller", "{\"phone\": \"" + Appeals.randomPhone() + "\"}").then().statusCode(200)
                .body("recentCases", empty()).body("repeatCandidate", nullValue());
        assist("caller", "{\"phone\": \"not a phone\"}").then().statusCode(400);
        assist("caller", "{\"streetCode\": \"110101001\"}").then().statusCode(400);
    }

    @Test
    void theCallTakerAnswersAConsultationWithTheEntryTheyChose() {
        String consultation = Appeals.unique().replace("\"COMPLAINT\"", "\"CONSULTATION\"")
                .replace("\"categoryCode\": \"HEATING\",", "").replace("\"urgency\": \"URGENT\",", "")
                .replace("家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。", "我想问问居住证的事情");
        Appeals.post(consultation.replaceFirst("\\{", "{\"knowledgeEntryId\": \"kb-residence-permit\","), "operator")
                .then().statusCode(201).body("status", equalTo("ANSWERED_DIRECTLY"));
        Appeals.post(Appeals.unique().replace("\"COMPLAINT\"", "\"CONSULTATION\"")
                .replaceFirst("\\{", "{\"knowledgeEntryId\": \"kb-nope\","), "operator")
                .then().statusCode(422);
    }
}
