package io.jiesu.intake.appeal;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appeals over Kafka from the telephony system: same rules, idempotent, poison to the dead-letter topic. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class TelephonyCallsTest {

    static String call(String externalId, String phone) throws Exception {
        return Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
                "telephony-call.json")).replace("CTI-20261125-1012-000398", externalId).replace("13911112222", phone)
                .replace("永安里小区5号楼", "永安里小区" + UUID.randomUUID());
    }

    static void send(String key, String value, Map<String, String> headers) {
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.TELEPHONY_CALLS, key, value, headers);
    }

    static Map<String, String> ceHeaders() {
        return Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventCatalog.TELEPHONY_CALL.type(),
                CloudEventHeaders.SOURCE, "/cti/12345", CloudEventHeaders.SPEC_VERSION, "1.0");
    }

    static List<?> casesOfPhone(String phone) {
        return given().header("Authorization", TestTokens.bearer("operator")).queryParam("phone", phone)
                .get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getList("caseId");
    }

    @Test
    void aCallRecordBecomesACaseOnceHoweverOftenItIsDelivered() throws Exception {
        String externalId = "CTI-K-" + UUID.randomUUID();
        String phone = Appeals.randomPhone();
        try (KafkaProbe intake = KafkaProbe.follow("case\\.intake")) {
            send(externalId, call(externalId, phone), ceHeaders());
            send(externalId, call(externalId, phone), ceHeaders()); // the CTI retried
            ConsumerRecord<String, String> received = intake.awaitOne(r -> r.value().contains(externalId),
                    Duration.ofSeconds(30));
            assertEquals(EventCatalog.CASE_RECEIVED.type(), KafkaProbe.header(received, CloudEventHeaders.TYPE));
            assertTrue(received.value().contains("\"categoryCode\":\"WATER_OUTAGE\""));
            assertTrue(received.value().contains("\"urgency\":\"URGENT\""), "outages are urgent");
            assertTrue(!received.value().contains(phone), "a confidential caller's phone is withheld downstream");
            assertEquals(1, intake.collect(r -> r.value().contains(externalId), Duration.ofSeconds(3)).size());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> casesOfPhone(phone).size() == 1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndDoNotBlockThePartition() throws Exception {
        String good = "CTI-K-" + UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.follow("telephony\\.calls\\.dlq|case\\.intake")) {
            send("bad-json", "{oops", ceHeaders());
            send("bad-fields", """
                    {"externalId": "CTI-K-invalid", "channel": "PHONE", "citizen": {"anonymous": true},
                     "type": "HELP", "content": ""}""", ceHeaders());
            send("bad-street", call("CTI-K-" + UUID.randomUUID(), Appeals.randomPhone())
                    .replace("\"110105001\"", "\"110101001\""), ceHeaders());
            send(good, call(good, Appeals.randomPhone()), ceHeaders());

            String jsonReason = KafkaProbe.header(probe.awaitOne(r -> "bad-json".equals(r.key())
                    && r.topic().endsWith(".dlq"), Duration.ofSeconds(30)), "dead-letter-reason");
            assertTrue(jsonReason.contains("not a jiesu.telephony.call.v1 JSON document"), jsonReason);
            String fieldsReason = KafkaProbe.header(probe.awaitOne(r -> "bad-fields".equals(r.key())
                    && r.topic().endsWith(".dlq"), Duration.ofSeconds(30)), "dead-letter-reason");
            assertTrue(fieldsReason.contains("receivedAt") && fieldsReason.contains("location")
                    && fieldsReason.contains("content"), fieldsReason);
            String streetReason = KafkaProbe.header(probe.awaitOne(r -> "bad-street".equals(r.key())
                    && r.topic().endsWith(".dlq"), Duration.ofSeconds(30)), "dead-letter-reason");
            assertTrue(streetReason.contains("location.streetCode"), streetReason);
            probe.awaitOne(r -> r.topic().equals(Topics.CASE_INTAKE) && r.value().contains(good),
                    Duration.ofSeconds(30));
        }
    }
}
