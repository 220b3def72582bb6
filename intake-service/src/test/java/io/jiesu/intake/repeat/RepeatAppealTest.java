package io.jiesu.intake.repeat;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.Enums;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A repeat appeal about an open case is linked to it (case.linked), not dispatched again. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class RepeatAppealTest {

    static String withExternalId(String body) {
        return body.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\"");
    }

    @Test
    void theSameCallerAboutTheSameMatterIsLinkedToTheOpenCase() throws Exception {
        String first = Appeals.unique();
        String caseId = Appeals.post(first).then().statusCode(201).body("status", equalTo("RECEIVED"))
                .extract().path("caseId");
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            String repeatId = Appeals.post(withExternalId(first)).then().statusCode(201)
                    .body("status", equalTo("LINKED")).body("linkedCaseId", equalTo(caseId))
                    .extract().path("caseId");
            var linked = probe.awaitOne(r -> caseId.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.CASE_LINKED.type()).test(r), Duration.ofSeconds(30));
            CaseLinked event = Json.mapper().readValue(linked.value(), CaseLinked.class);
            assertEquals(repeatId, event.appealId());
            assertEquals(Enums.LinkReason.SAME_CALLER, event.reason());
            assertEquals(0, probe.collect(r -> repeatId.equals(r.key()), Duration.ofSeconds(2)).size(),
                    "the repeat is not received for dispatch");
        }
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .then().body("timeline.kind", hasItem("REPEAT_APPEAL"));
    }

    @Test
    void anotherCallerAboutTheSamePlaceIsLinkedToo() {
        String first = Appeals.unique();
        String caseId = Appeals.post(first).then().statusCode(201).extract().path("caseId");
        String otherCaller = withExternalId(first).replaceFirst("\"phone\": \"[0-9]+\"",
                "\"phone\": \"" + Appeals.randomPhone() + "\"");
        Appeals.post(otherCaller).then().statusCode(201).body("status", equalTo("LINKED"))
                .body("linkedCaseId", equalTo(caseId));
    }

    @Test
    void anonymousAppealsAreLinkedByPlaceOnly() {
        String first = Appeals.unique().replaceFirst("\"anonymous\": false", "\"anonymous\": true");
        String caseId = Appeals.post(first).then().statusCode(201).body("status", equalTo("RECEIVED"))
                .extract().path("caseId");
        Appeals.post(withExternalId(first)).then().statusCode(201).body("status", equalTo("LINKED"))
                .body("linkedCaseId", equalTo(caseId));
    }

    @Test
    void aDifferentCategoryOrAClosedCaseIsNotARepeat() throws Exception {
        String first = Appeals.unique();
        String caseId = Appeals.post(first).then().statusCode(201).extract().path("caseId");
        Appeals.post(withExternalId(first).replace("\"HEATING\"", "\"NOISE\"")).then().statusCode(201)
                .body("status", equalTo("RECEIVED"));

        // dispatch reports the case completed: it is no longer open
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.CASE_DISPATCH, caseId,
                Json.mapper().writeValueAsString(new CaseCompleted(caseId, "110101001", Instant.now(),
                        Enums.Outcome.RESOLVED, "修好了", null, false)),
                Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, EventCatalog.CASE_COMPLETED.type(),
                        CloudEventHeaders.SOURCE, "/jiesu/dispatch-service", CloudEventHeaders.SPEC_VERSION, "1.0",
                        CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.SUBJECT, caseId));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(given()
                .header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .path("status")));
        Appeals.post(withExternalId(first)).then().statusCode(201).body("status", equalTo("RECEIVED"));
    }
}
