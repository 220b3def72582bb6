package io.jiesu.intake.classification;

import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Category and urgency suggested from the content when the caller gives none; rules are data. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class ClassificationAssistTest {

    static String appeal(String content, String category, String urgency, String receivedAt) {
        String body = Appeals.unique().replace("家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。", content)
                .replaceFirst("\"receivedAt\": \"[^\"]+\"", "\"receivedAt\": \"" + receivedAt + "\"");
        body = category == null ? body.replace("\"categoryCode\": \"HEATING\",", "")
                : body.replace("\"categoryCode\": \"HEATING\"", "\"categoryCode\": \"" + category + "\"");
        return urgency == null ? body.replace("\"urgency\": \"URGENT\",", "")
                : body.replace("\"urgency\": \"URGENT\"", "\"urgency\": \"" + urgency + "\"");
    }

    @Test
    void aMissingCategoryAndUrgencyAreSuggestedFromTheContentAndMarkedSo() {
        Appeals.post(appeal("楼里从早上开始停水，一直没有来水", null, null, "2026-07-10T02:00:00Z"))
                .then().statusCode(201)
                .body("categoryCode", equalTo("WATER_OUTAGE")).body("categorySource", equalTo("SUGGESTED"))
                .body("urgency", equalTo("URGENT")).body("urgencySource", equalTo("SUGGESTED"));
    }

    @Test
    void givenValuesWin() {
        Appeals.post(appeal("楼里从早上开始停水", "PROPERTY_MANAGEMENT", "NORMAL", "2026-07-10T02:00:00Z"))
                .then().statusCode(201)
                .body("categoryCode", equalTo("PROPERTY_MANAGEMENT")).body("categorySource", equalTo("GIVEN"))
                .body("urgency", equalTo("NORMAL")).body("urgencySource", equalTo("GIVEN"));
    }

    @Test
    void noHeatingIsUrgentInWinterOnly() {
        Appeals.post(appeal("物业说锅炉坏了，家里没有暖气", "PROPERTY_MANAGEMENT", null, "2026-12-20T02:00:00Z"))
                .then().statusCode(201).body("urgency", equalTo("URGENT"));
        Appeals.post(appeal("物业说锅炉坏了，家里没有暖气", "PROPERTY_MANAGEMENT", null, "2026-07-20T02:00:00Z"))
                .then().statusCode(201).body("urgency", equalTo("NORMAL"));
    }

    @Test
    void contentNoRuleRecognisesFallsBackToOther() {
        Appeals.post(appeal("想反映一个情况", null, null, "2026-07-10T02:00:00Z"))
                .then().statusCode(201).body("categoryCode", equalTo("OTHER"))
                .body("categorySource", equalTo("SUGGESTED")).body("urgency", equalTo("NORMAL"));
    }

    @Test
    void anAdministratorTeachesANewPhraseThroughTheAdminApi() {
        String content = "小区里共享单车堆成山挡住了出口";
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"categoryCode\": \"SHARED_BICYCLES\", \"phrase\": \"共享单车\", \"weight\": 5}")
                .post("/api/v1/admin/classification-rules").then().statusCode(201);
        Appeals.post(appeal(content, null, null, "2026-07-10T02:00:00Z"))
                .then().statusCode(201).body("categoryCode", equalTo("SHARED_BICYCLES"));
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"categoryCode\": \"NOPE\", \"phrase\": \"x\", \"weight\": 5}")
                .post("/api/v1/admin/classification-rules").then().statusCode(422);
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"phrase\": \"冒烟\", \"months\": \"13\", \"description\": \"smoke\"}")
                .post("/api/v1/admin/urgency-rules").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("operator")).contentType(ContentType.JSON)
                .body("{\"categoryCode\": \"OTHER\", \"phrase\": \"x\", \"weight\": 5}")
                .post("/api/v1/admin/classification-rules").then().statusCode(403);
    }
}
