package io.jiesu.dispatch.workorder;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.contract.event.Location;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** case.received in, one work order out — through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class DirectDispatchTest {
    static final String STREET = "110101001"; // 东华门街道
    static KafkaProbe probe;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox|case\\.intake\\.dlq");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static CaseReceived received(String caseId, String street, String district) {
        return new CaseReceived(caseId, "CTI-" + caseId, Enums.Channel.PHONE, Instant.now(),
                Enums.AppealType.COMPLAINT, "NOISE", Enums.ValueSource.GIVEN, Enums.Urgency.NORMAL,
                Enums.ValueSource.SUGGESTED, new Citizen("李先生", "13900000000", false, false),
                new Location(district, street, "东华门社区", "南池子大街1号", null, null), "夜间施工噪声扰民",
                List.of());
    }

    static String send(CaseReceived event, String ceId) throws Exception {
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.CASE_INTAKE, event.caseId(),
                Json.mapper().writeValueAsString(event), Map.of(
                        CloudEventHeaders.ID, ceId,
                        CloudEventHeaders.TYPE, EventCatalog.CASE_RECEIVED.type(),
                        CloudEventHeaders.SOURCE, "/jiesu/intake-service",
                        CloudEventHeaders.SPEC_VERSION, "1.0",
                        CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.SUBJECT, event.caseId()));
        return ceId;
    }

    static String newCaseId() {
        return "C-T-" + UUID.randomUUID();
    }

    @Test
    void aReceivedCaseIsDispatchedToTheStreetOfItsLocationWithDeadlinesAndReachesTheUnitInbox() throws Exception {
        String caseId = newCaseId();
        send(received(caseId, STREET, "110101"), UUID.randomUUID().toString());

        ConsumerRecord<String, String> dispatched = probe.awaitOne(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ofSeconds(30));
        assertEquals(Topics.CASE_DISPATCH, dispatched.topic());
        CaseDispatched d = Json.mapper().readValue(dispatched.value(), CaseDispatched.class);
        assertEquals(STREET, d.unitCode());
        assertEquals("territorial-default", d.ruleId());
        assertEquals(Duration.ofHours(2), Duration.between(d.dispatchedAt(), d.signForDeadline()));
        assertEquals(Duration.ofHours(24), Duration.between(d.dispatchedAt(), d.contactDeadline()));
        assertEquals(Duration.ofDays(7), Duration.between(d.dispatchedAt(), d.completionDeadline()));

        ConsumerRecord<String, String> inbox = probe.awaitOne(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.INBOX_WORK_ORDER.type()).test(r), Duration.ofSeconds(30));
        assertEquals(Topics.unitInbox(STREET), inbox.topic());
        InboxWorkOrder order = Json.mapper().readValue(inbox.value(), InboxWorkOrder.class);
        assertEquals("13900000000", order.citizen().phone());
        assertEquals(Enums.HandlingRole.LEAD, order.role());

        given().header("Authorization", TestTokens.bearer("unit", STREET))
                .get("/api/v1/units/" + STREET + "/work-orders")
                .then().statusCode(200).body("caseId", hasItem(caseId));
    }

    @Test
    void aCaseWhoseLocationIsToConfirmWaitsInTheManualQueueWithItsReasonAndAReviewerPlacesIt() throws Exception {
        String caseId = newCaseId();
        CaseReceived event = new CaseReceived(caseId, "OPEN311-" + caseId, Enums.Channel.OPEN311, Instant.now(),
                Enums.AppealType.COMPLAINT, "ROAD_DAMAGE", Enums.ValueSource.GIVEN, Enums.Urgency.NORMAL,
                Enums.ValueSource.SUGGESTED, new Citizen(null, null, true, false),
                new Location(null, null, null, null, 39.9139, 116.3974), "路面塌陷一个大坑", List.of(), null, true);
        send(event, UUID.randomUUID().toString());

        var reviewer = given().header("Authorization", TestTokens.bearer("reviewer"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given()
                .header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + caseId)
                .statusCode() == 200);
        reviewer.get("/api/v1/work-orders/" + caseId).then().body("order.status", equalTo("AWAITING_MANUAL_DISPATCH"))
                .body("history.detail", hasItem(org.hamcrest.Matchers.startsWith("地点待确认")));
        String row = "find { it.caseId == '" + caseId + "' }.";
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("size", 500)
                .get("/api/v1/manual-dispatch").then().statusCode(200)
                .body(row + "reason", equalTo("LOCATION_TO_CONFIRM"))
                .body(row + "streetCode", org.hamcrest.Matchers.nullValue())
                .body(row + "latitude", equalTo(39.9139f));
        assertTrue(probe.collect(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ofSeconds(2)).isEmpty(),
                "not routed by a guess");

        // the reviewer confirms the place and dispatches it, as for any queued order
        given().header("Authorization", TestTokens.bearer("reviewer")).contentType("application/json")
                .body("{\"unitCode\":\"" + STREET + "\",\"comment\":\"地点核实: 南池子大街\"}")
                .post("/api/v1/manual-dispatch/" + caseId).then().statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("unitCode", equalTo(STREET));
        CaseDispatched d = Json.mapper().readValue(probe.awaitOne(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ofSeconds(30)).value(),
                CaseDispatched.class);
        assertEquals(STREET, d.unitCode());
        assertEquals(Enums.DispatchMode.MANUAL, d.mode());
        probe.awaitOne(r -> caseId.equals(r.key()) && Topics.unitInbox(STREET).equals(r.topic()), Duration.ofSeconds(30));
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("size", 500)
                .get("/api/v1/manual-dispatch").then().body("caseId", org.hamcrest.Matchers.not(hasItem(caseId)));
    }

    @Test
    void aRedeliveredEventIsDispatchedOnlyOnce() throws Exception {
        String caseId = newCaseId();
        String ceId = UUID.randomUUID().toString();
        CaseReceived event = received(caseId, "110101002", "110101");
        send(event, ceId);
        send(event, ceId);
        send(event, ceId);
        probe.awaitOne(r -> caseId.equals(r.key()) && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r),
                Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> all = probe.collect(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r), Duration.ofSeconds(3));
        assertEquals(1, all.size(), "one dispatch for one ce_id, however often delivered");
        assertEquals(1, probe.collect(r -> caseId.equals(r.key())
                && KafkaProbe.ofType(EventCatalog.INBOX_WORK_ORDER.type()).test(r), Duration.ZERO).size());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndThePartitionMovesOn() throws Exception {
        String poisonKey = newCaseId();
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.CASE_INTAKE, poisonKey, "{not json", Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventCatalog.CASE_RECEIVED.type()));
        String noHeadersKey = newCaseId();
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.CASE_INTAKE, noHeadersKey, "{}", Map.of());
        String goodCase = newCaseId();
        send(received(goodCase, STREET, "110101"), UUID.randomUUID().toString());

        ConsumerRecord<String, String> dead = probe.awaitOne(r -> poisonKey.equals(r.key())
                && Topics.deadLetter(Topics.CASE_INTAKE).equals(r.topic()), Duration.ofSeconds(30));
        String reason = KafkaProbe.header(dead, "dead-letter-reason");
        assertNotNull(reason, "the dead letter says why");
        assertTrue(reason.contains("not valid JSON"), reason);
        ConsumerRecord<String, String> deadNoHeaders = probe.awaitOne(r -> noHeadersKey.equals(r.key())
                && Topics.deadLetter(Topics.CASE_INTAKE).equals(r.topic()), Duration.ofSeconds(30));
        assertTrue(new String(deadNoHeaders.headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8).contains("ce_id"));
        probe.awaitOne(r -> goodCase.equals(r.key()) && KafkaProbe.ofType(EventCatalog.CASE_DISPATCHED.type()).test(r),
                Duration.ofSeconds(30));
    }

    @Test
    void aUnitSeesOnlyItsOwnWorkOrders() {
        given().header("Authorization", TestTokens.bearer("unit", STREET))
                .get("/api/v1/units/110101002/work-orders").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/units/110101002/work-orders").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("analyst"))
                .get("/api/v1/units/110101002/work-orders").then().statusCode(403);
        given().get("/api/v1/units/110101002/work-orders").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/units/110101002/work-orders?status=NOPE").then().statusCode(400)
                .body("status", equalTo(400));
    }
}
