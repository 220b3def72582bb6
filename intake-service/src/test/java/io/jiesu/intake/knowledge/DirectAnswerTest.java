package io.jiesu.intake.knowledge;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseAnsweredDirectly;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consultation the knowledge base answers is closed at intake (直接答复), never dispatched. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class DirectAnswerTest {
    static String consultation(String content) {
        return Appeals.unique().replace("\"COMPLAINT\"", "\"CONSULTATION\"")
                .replace("\"categoryCode\": \"HEATING\",", "").replace("\"urgency\": \"URGENT\",", "")
                .replace("家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。", content);
    }

    @Test
    void aKnownConsultationIsAnsweredDirectlyAndNotSentToDispatch() throws Exception {
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            String caseId = Appeals.post(consultation("请问社保卡丢了，应该怎么补办？")).then().statusCode(201)
                    .body("status", equalTo("ANSWERED_DIRECTLY")).extract().path("caseId");
            var record = probe.awaitOne(r -> caseId.equals(r.key()), Duration.ofSeconds(30));
            assertEquals(EventCatalog.CASE_ANSWERED_DIRECTLY.type(), KafkaProbe.header(record, "ce_type"));
            CaseAnsweredDirectly event = Json.mapper().readValue(record.value(), CaseAnsweredDirectly.class);
            assertEquals("kb-social-card-replacement", event.knowledgeEntryId());
            assertTrue(event.answer().contains("北京人社"));
            assertEquals(1, probe.collect(r -> caseId.equals(r.key()), Duration.ofSeconds(2)).size(),
                    "no case.received: not dispatched");
        }
    }

    @Test
    void aComplaintWithTheSameWordsIsNotAnsweredDirectly() {
        String body = consultation("社保卡丢了补办了三次都没办好，窗口态度很差").replace("\"CONSULTATION\"", "\"COMPLAINT\"");
        Appeals.post(body).then().statusCode(201).body("status", equalTo("RECEIVED"));
    }

    @Test
    void knowledgeEntriesAreManagedThroughTheAdminApi() {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"question": "公积金怎么提取？", "keywords": "公积金,提取", "answer": "可通过北京住房公积金网上业务平台申请提取。",
                 "categoryCode": "POLICY_CONSULTATION", "active": true}""")
                .put("/api/v1/admin/knowledge/kb-provident-fund").then().statusCode(201);
        Appeals.post(consultation("想问一下公积金怎么提取")).then().statusCode(201)
                .body("status", equalTo("ANSWERED_DIRECTLY"));
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"question": "公积金怎么提取？", "keywords": "公积金,提取", "answer": "x",
                 "categoryCode": "POLICY_CONSULTATION", "active": false}""")
                .put("/api/v1/admin/knowledge/kb-provident-fund").then().statusCode(200);
        Appeals.post(consultation("想问一下公积金怎么提取")).then().statusCode(201)
                .body("status", equalTo("RECEIVED"));
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/admin/knowledge/kb-provident-fund").then().statusCode(400);
    }
}
