package io.jiesu.intake.caller;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CallerFlagged;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malicious repeated calls are flagged once a day; every appeal is still recorded. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class AbusiveCallerTest {

    @Test
    void identicalContentOverTheLimitFlagsTheCallerOnceAndKeepsEveryAppeal() throws Exception {
        String phone = Appeals.randomPhone();
        String base = Appeals.unique().replaceFirst("\"phone\": \"[0-9]+\"", "\"phone\": \"" + phone + "\"");
        List<String> caseIds = new ArrayList<>();
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            for (int i = 0; i < 4; i++) {
                String body = base.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\"");
                int nth = i;
                // the answer of the appeal that crosses the limit already says so (not only a later read)
                caseIds.add(Appeals.post(body).then().statusCode(201).body("flagged", equalTo(nth >= 2))
                        .extract().path("caseId"));
            }
            List<ConsumerRecord<String, String>> flags = probe.await(
                    KafkaProbe.ofType(EventCatalog.CALLER_FLAGGED.type()), 1, Duration.ofSeconds(30));
            probe.collect(r -> false, Duration.ofSeconds(2));
            List<ConsumerRecord<String, String>> forThisCaller = probe.collect(
                    KafkaProbe.ofType(EventCatalog.CALLER_FLAGGED.type()), Duration.ZERO).stream()
                    .filter(r -> r.value().contains(caseIds.get(0))).toList();
            assertEquals(1, forThisCaller.size(), "one flag a day");
            CallerFlagged flag = Json.mapper().readValue(forThisCaller.get(0).value(), CallerFlagged.class);
            assertEquals(3, flag.appealCount());
            assertFalse(forThisCaller.get(0).value().contains(phone), "the phone never travels in clear");
            assertTrue(flag.rule().contains("identical"));
            assertTrue(flags.size() >= 1);
        }
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseIds.get(i))
                    .then().statusCode(200).body("flagged", equalTo(i >= 2));
        }
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/flagged-callers")
                .then().statusCode(200).body("caseIds.flatten()", hasItem(caseIds.get(3)));
    }
}
