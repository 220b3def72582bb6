package io.jiesu.analytics;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.SchemePublished;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.contract.EventCatalog;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helper: the events other services would publish, as real CloudEvents records on the real broker. */
final class Events {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** Beijing local time, e.g. {@code bj("2025-03-10T09:00")}. */
    static Instant bj(String local) {
        return LocalDateTime.parse(local).atZone(BEIJING).toInstant();
    }

    static RequestSpecification analyst() {
        return given().header("Authorization", TestTokens.bearer("analyst"));
    }

    /** Sends one event with a fresh ce_id and returns the ce_id. */
    static <T> String send(EventType<T> type, String key, Instant time, T data) {
        String id = UUID.randomUUID().toString();
        sendWithId(id, type.topic(), type.type(), key, time, json(data));
        return id;
    }

    static void sendWithId(String ceId, String topic, String ceType, String key, Instant time, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        Map<String, String> headers = ceType == null ? Map.of(CloudEventHeaders.ID, ceId)
                : Map.of(CloudEventHeaders.ID, ceId, CloudEventHeaders.TYPE, ceType,
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.SOURCE, "/test",
                        CloudEventHeaders.TIME, time.toString(), CloudEventHeaders.SUBJECT, key,
                        CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    static String json(Object data) {
        try {
            return Json.mapper().writeValueAsString(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CaseReceived received(String caseId, Instant at, String category, String district, String street,
            Enums.AppealType type, Enums.Channel channel, String content) {
        return new CaseReceived(caseId, "ext-" + caseId, channel, at, type, category, Enums.ValueSource.GIVEN,
                Enums.Urgency.NORMAL, Enums.ValueSource.GIVEN, new Citizen("张三", "13800000000", false, false),
                new Location(district, street, "某社区", "某路1号", null, null), content, List.of());
    }

    /** An appeal from the caller with intake's pseudonym {@code callerHash}. */
    static String receiveFrom(String callerHash, String caseId, Instant at, String category, String district,
            String street) {
        CaseReceived r = received(caseId, at, category, district, street, Enums.AppealType.COMPLAINT,
                Enums.Channel.PHONE, "反映问题");
        return send(EventCatalog.CASE_RECEIVED, caseId, at, new CaseReceived(r.caseId(), r.externalId(), r.channel(),
                r.receivedAt(), r.type(), r.categoryCode(), r.categorySource(), r.urgency(), r.urgencySource(),
                r.citizen(), r.location(), r.content(), r.attachments(), callerHash));
    }

    static String receive(String caseId, Instant at, String category, String district, String street,
            Enums.AppealType type, Enums.Channel channel, String content) {
        return send(EventCatalog.CASE_RECEIVED, caseId, at,
                received(caseId, at, category, district, street, type, channel, content));
    }

    static String receive(String caseId, Instant at, String category, String district, String street) {
        return receive(caseId, at, category, district, street, Enums.AppealType.COMPLAINT, Enums.Channel.PHONE,
                "反映问题");
    }

    static void dispatch(String caseId, Instant at, String unit, String category, String district, String street) {
        send(EventCatalog.CASE_DISPATCHED, caseId, at, new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT,
                "rule", "属地", at, at.plus(Duration.ofHours(2)), at.plus(Duration.ofHours(24)),
                at.plus(Duration.ofDays(7)), Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, category, district,
                street));
    }

    static void sign(String caseId, Instant at, String unit) {
        send(EventCatalog.CASE_SIGNED_FOR, caseId, at, new WorkOrderSignedFor(caseId, unit, at, "王科员", false));
    }

    static void complete(String caseId, Instant at, String unit) {
        send(EventCatalog.CASE_COMPLETED, caseId, at, new CaseCompleted(caseId, unit, at, Enums.Outcome.RESOLVED,
                "已解决", null, false));
    }

    /** A round-n completion of dispatch's current version (有一办一 outcomes). */
    static void completeV2(String caseId, Instant at, String unit, Enums.CompletionOutcome outcome, int round) {
        send(EventCatalog.CASE_COMPLETED_V2, caseId, at, new CaseCompletedV2(caseId, unit, at, outcome, "办结", null,
                null, null, false, round));
    }

    static final String SCHEME = "analytics-test";

    /**
     * Evaluation's published credits, as evaluation-service's seeded schemes give them (partly resolved 0.5,
     * basically satisfied 0.8; outcome caps: partly resolved and conditions being created 0.5), effective from
     * 2000-01; waits until analytics has it, so rates are never computed without it.
     */
    static void publishedScheme() {
        send(EventCatalog.SCHEME_PUBLISHED, SCHEME, Instant.now(), new SchemePublished(SCHEME, "2000-01", 0.3, 0.35,
                0.35, Map.of("RESOLVED", 1.0, "PARTLY_RESOLVED", 0.5, "UNRESOLVED", 0.0),
                Map.of("SATISFIED", 1.0, "BASICALLY_SATISFIED", 0.8, "DISSATISFIED", 0.0),
                Map.of("PARTLY_RESOLVED", 0.5, "CONDITIONS_BEING_CREATED", 0.5), "test credits", Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> analyst()
                .get("/api/v1/rate-schemes").then().statusCode(200).extract().jsonPath().getList("version")
                .contains(SCHEME));
    }

    static void visit(String caseId, Instant at, Enums.Resolution resolution, Enums.Satisfaction satisfaction) {
        send(EventCatalog.VISIT_RECORDED, caseId, at, new VisitRecorded(caseId, "V-" + caseId, at, true, true,
                resolution, satisfaction, null));
    }
}
