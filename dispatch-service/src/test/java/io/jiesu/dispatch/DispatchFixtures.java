package io.jiesu.dispatch;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Shared steps of the dispatch tests: cases in through the real broker, actions through REST, events out. */
public final class DispatchFixtures {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private DispatchFixtures() {
    }

    public static String newCaseId() {
        return "C-T-" + UUID.randomUUID();
    }

    public static CaseReceived received(String caseId, String district, String street, String category,
            Enums.Urgency urgency) {
        return new CaseReceived(caseId, "CTI-" + caseId, Enums.Channel.PHONE, Instant.now(),
                Enums.AppealType.COMPLAINT, category, Enums.ValueSource.GIVEN, urgency, Enums.ValueSource.GIVEN,
                new Citizen("王女士", "13800000000", false, false),
                new Location(district, street, "社区", "某路1号", null, null), "测试诉求 " + caseId, List.of());
    }

    /** Writes a CloudEvent to a topic the way an outside system would. */
    public static <T> String sendEvent(String topic, EventType<T> type, String key, T data, String ceId) {
        try {
            KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), topic, key, Json.mapper().writeValueAsString(data),
                    Map.of(CloudEventHeaders.ID, ceId, CloudEventHeaders.TYPE, type.type(),
                            CloudEventHeaders.SOURCE, "/test", CloudEventHeaders.SPEC_VERSION, "1.0",
                            CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.SUBJECT, key,
                            CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ceId;
    }

    public static void sendReceived(CaseReceived c) {
        sendEvent(Topics.CASE_INTAKE, EventCatalog.CASE_RECEIVED, c.caseId(), c, UUID.randomUUID().toString());
    }

    /** Sends an ordinary NOISE case located in {@code street} and waits until it is dispatched. */
    public static String dispatchedCase(KafkaProbe probe, String street) {
        String caseId = newCaseId();
        String district = io.jiesu.contract.reference.ReferenceData.get().unit(street).orElseThrow().districtCode();
        sendReceived(received(caseId, district, street, "NOISE", Enums.Urgency.NORMAL));
        awaitEvent(probe, caseId, EventCatalog.CASE_DISPATCHED);
        return caseId;
    }

    public static Predicate<ConsumerRecord<String, String>> is(String caseId, EventType<?> type) {
        return r -> caseId.equals(r.key()) && type.type().equals(KafkaProbe.header(r, CloudEventHeaders.TYPE));
    }

    public static <T> T awaitEvent(KafkaProbe probe, String caseId, EventType<T> type) {
        return data(probe.awaitOne(is(caseId, type), WAIT), type);
    }

    public static <T> T data(ConsumerRecord<String, String> record, EventType<T> type) {
        try {
            return Json.mapper().readValue(record.value(), type.dataClass());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static ValidatableResponse act(String unit, String caseId, String action, String json) {
        return given().header("Authorization", TestTokens.bearer("unit", unit)).contentType(ContentType.JSON)
                .body(json).post("/api/v1/work-orders/" + caseId + "/" + action).then();
    }

    public static ValidatableResponse review(String path, String json) {
        return given().header("Authorization", TestTokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body(json).post("/api/v1/" + path).then();
    }
}
