package io.jiesu.dispatch.review;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.CoHandlingUnitAdded;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ExtensionDecided;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.contract.event.ProgressReported;
import io.jiesu.contract.event.ReturnDecided;
import io.jiesu.contract.event.ReturnRequested;
import io.jiesu.dispatch.deadline.Deadlines;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Returns (退单) and extensions (延期) with reviewer decisions; co-handling (协办) under first-receiver responsibility. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class ReturnsExtensionsCoHandlingTest {
    static KafkaProbe probe;

    @Inject
    EntityManager em;
    @Inject
    DurableTimers timers;
    @Inject
    Deadlines deadlines;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void anApprovedReturnReDispatchesToTheNamedUnitAndTheOldUnitLosesAccess() {
        String from = "110101014";
        String to = "110101015";
        String caseId = dispatchedCase(probe, from);
        act(from, caseId, "return", "{\"reason\":\"地址属于邻街\"}").statusCode(200)
                .body("status", equalTo("RETURN_REQUESTED"));
        ReturnRequested requested = awaitEvent(probe, caseId, EventCatalog.CASE_RETURN_REQUESTED);
        assertEquals("地址属于邻街", requested.reason());
        act(from, caseId, "sign", "{}").statusCode(409).body("currentState", equalTo("RETURN_REQUESTED"));
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/reviews/returns")
                .then().statusCode(200).body("caseId", hasItem(caseId));
        act(from, caseId, "return", "{}").statusCode(409);
        given().header("Authorization", TestTokens.bearer("unit", from)).contentType("application/json")
                .body("{\"decision\":\"APPROVED\",\"newUnitCode\":\"" + to + "\"}")
                .post("/api/v1/work-orders/" + caseId + "/return/decision").then().statusCode(403);
        review("work-orders/" + caseId + "/return/decision", "{\"decision\":\"APPROVED\",\"newUnitCode\":\"" + from
                + "\"}").statusCode(422).body("field", equalTo("newUnitCode"));
        review("work-orders/" + caseId + "/return/decision", "{\"decision\":\"APPROVED\",\"newUnitCode\":\"" + to
                + "\",\"comment\":\"改派\"}").statusCode(200).body("unitCode", equalTo(to))
                .body("status", equalTo("DISPATCHED"));

        ReturnDecided decided = awaitEvent(probe, caseId, EventCatalog.CASE_RETURN_DECIDED);
        assertEquals(Enums.Decision.APPROVED, decided.decision());
        assertEquals(to, decided.newUnitCode());
        CaseRedispatched moved = awaitEvent(probe, caseId, EventCatalog.CASE_REDISPATCHED);
        assertEquals(from, moved.fromUnitCode());
        assertEquals(to, moved.toUnitCode());
        ConsumerRecord<String, String> order = probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_WORK_ORDER).test(r)
                && r.topic().equals(Topics.unitInbox(to)), WAIT);
        assertEquals(to, data(order, EventCatalog.INBOX_WORK_ORDER).unitCode());
        ConsumerRecord<String, String> notice = probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(from)), WAIT);
        assertEquals(Enums.NoticeKind.RETURN_DECIDED, data(notice, EventCatalog.INBOX_NOTICE).kind());

        act(from, caseId, "sign", "{}").statusCode(403);
        act(to, caseId, "sign", "{}").statusCode(200);
        given().header("Authorization", TestTokens.bearer("reviewer"))
                .get("/api/v1/reviews/returns?status=APPROVED&unitCode=" + from).then().statusCode(200)
                .body("caseId", hasItem(caseId));
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + caseId)
                .then().body("order.returnCount", equalTo(1)).body("order.previousUnitCode", equalTo(from));
    }

    @Test
    void aRejectedReturnKeepsTheOrderWithTheUnitAndTheWindowAndTheLimitApply() {
        String unit = "110101016";
        String caseId = dispatchedCase(probe, unit);
        act(unit, caseId, "return", "{\"reason\":\"不是我们的\"}").statusCode(200);
        review("work-orders/" + caseId + "/return/decision", "{\"decision\":\"REJECTED\",\"comment\":\"属地管理\"}")
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("unitCode", equalTo(unit));
        ConsumerRecord<String, String> notice = probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(unit)), WAIT);
        assertEquals("REJECTED", data(notice, EventCatalog.INBOX_NOTICE).details().get("decision"));
        review("work-orders/" + caseId + "/return/decision", "{\"decision\":\"REJECTED\"}").statusCode(409);

        // Outside the return window (60 min after dispatch) a return is refused; signing still works.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE work_order SET dispatched_at = dispatched_at - interval '61 minutes' WHERE case_id = ?1")
                .setParameter(1, caseId).executeUpdate());
        act(unit, caseId, "return", "{\"reason\":\"再试一次\"}").statusCode(409)
                .body("currentState", equalTo("DISPATCHED")).body("allowedActions", contains("sign"));

        // After max_returns (2) approved returns the order goes to the manual-dispatch queue.
        String bounced = dispatchedCase(probe, "110101017");
        act("110101017", bounced, "return", "{\"reason\":\"1\"}").statusCode(200);
        review("work-orders/" + bounced + "/return/decision",
                "{\"decision\":\"APPROVED\",\"newUnitCode\":\"110102003\"}").statusCode(200);
        act("110102003", bounced, "return", "{\"reason\":\"2\"}").statusCode(200);
        review("work-orders/" + bounced + "/return/decision",
                "{\"decision\":\"APPROVED\",\"newUnitCode\":\"110102007\"}").statusCode(200)
                .body("status", equalTo("AWAITING_MANUAL_DISPATCH"));
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/manual-dispatch").then()
                .body("caseId", hasItem(bounced)).header("X-Total-Count", org.hamcrest.Matchers.notNullValue())
                // the responsibility list would place it with the street of its location (属地)
                .body("find { it.caseId == '" + bounced + "' }.suggestedUnitCode", equalTo("110101017"))
                .body("find { it.caseId == '" + bounced + "' }.suggestedRuleId", equalTo("territorial-default"))
                .body("find { it.caseId == '" + bounced + "' }.reason", equalTo("RETURNED"));
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + bounced).then()
                .body("allowedActions", contains("manual-dispatch"));
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("size", 1)
                .get("/api/v1/manual-dispatch").then().statusCode(200).body("size()", equalTo(1));
        given().header("Authorization", TestTokens.bearer("reviewer")).queryParam("status", "ALL")
                .queryParam("size", 1).get("/api/v1/reviews/returns").then().statusCode(200)
                .body("size()", equalTo(1)).header("X-Total-Count", org.hamcrest.Matchers.notNullValue());
        assertTrue(timers.of(Deadlines.GROUP, bounced).stream().noneMatch(t -> t.status().equals("PENDING")),
                "no deadline runs while no unit holds the order");
    }

    @Test
    void aGrantedExtensionMovesTheCompletionDeadlineAndItsTimersADeniedOneDoesNot() {
        String unit = "110102009";
        String caseId = dispatchedCase(probe, unit);
        act(unit, caseId, "sign", "{}").statusCode(200);
        Instant deadline = Instant.parse(given().header("Authorization", TestTokens.bearer("unit", unit))
                .get("/api/v1/work-orders/" + caseId).then().extract().path("order.completionDeadline"));
        Instant wanted = deadline.plus(Duration.ofDays(5));
        act(unit, caseId, "extension", "{\"reason\":\"需协调产权单位\",\"requestedDeadline\":\"" + wanted + "\"}")
                .statusCode(200).body("extensionPending", equalTo(true));
        act(unit, caseId, "extension", "{\"reason\":\"again\",\"requestedDeadline\":\"" + wanted + "\"}")
                .statusCode(409).body("allowedActions", contains("contact", "progress", "co-handlers"));
        awaitEvent(probe, caseId, EventCatalog.CASE_EXTENSION_REQUESTED);
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/reviews/extensions").then()
                .body("caseId", hasItem(caseId));
        review("work-orders/" + caseId + "/extension/decision", "{\"decision\":\"APPROVED\"}").statusCode(200);
        ExtensionDecided granted = awaitEvent(probe, caseId, EventCatalog.CASE_EXTENSION_DECIDED);
        assertEquals(Enums.Decision.APPROVED, granted.decision());
        assertEquals(wanted, granted.completionDeadline());
        var overdueStep = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> deadlines.pending(caseId)).steps().stream()
                .filter(t -> t.name().equals("COMPLETION/OVERDUE")).findFirst().orElseThrow();
        assertEquals(wanted, overdueStep.dueAt(), "the overdue step moved with the deadline");
        assertEquals(wanted, overdueStep.deadline());
        ConsumerRecord<String, String> notice = probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(unit)), WAIT);
        assertEquals(Enums.NoticeKind.EXTENSION_DECIDED, data(notice, EventCatalog.INBOX_NOTICE).kind());

        Instant later = wanted.plus(Duration.ofDays(3));
        act(unit, caseId, "extension", "{\"reason\":\"仍需时间\",\"requestedDeadline\":\"" + later + "\"}")
                .statusCode(200);
        review("work-orders/" + caseId + "/extension/decision", "{\"decision\":\"REJECTED\",\"comment\":\"不同意\"}")
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer("unit", unit)).get("/api/v1/work-orders/" + caseId)
                .then().body("order.completionDeadline", equalTo(wanted.toString()))
                .body("order.extensionPending", equalTo(false));
        review("work-orders/" + caseId + "/extension/decision", "{\"decision\":\"APPROVED\"}").statusCode(409);
    }

    @Test
    void theLeadAddsCoHandlersWhoReceiveTheOrderAndReportProgressWhileTheLeadStaysTheLead() {
        String lead = "110102010";
        String co = "DEPT_CITY_MGMT";
        String caseId = dispatchedCase(probe, lead);
        act(lead, caseId, "sign", "{}").statusCode(200);
        act(lead, caseId, "co-handlers", "{\"unitCode\":\"" + co + "\",\"note\":\"请协助执法\"}").statusCode(200)
                .body("coHandlers", contains(co)).body("unitCode", equalTo(lead));
        act(lead, caseId, "co-handlers", "{\"unitCode\":\"" + co + "\"}").statusCode(409);
        act(lead, caseId, "co-handlers", "{\"unitCode\":\"" + lead + "\"}").statusCode(422);
        act(lead, caseId, "co-handlers", "{\"unitCode\":\"NOPE\"}").statusCode(422);

        CoHandlingUnitAdded added = awaitEvent(probe, caseId, EventCatalog.CASE_CO_HANDLER_ADDED);
        assertEquals(lead, added.leadUnitCode());
        ConsumerRecord<String, String> inbox = probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_WORK_ORDER).test(r)
                && r.topic().equals(Topics.unitInbox(co)), WAIT);
        InboxWorkOrder coOrder = data(inbox, EventCatalog.INBOX_WORK_ORDER);
        assertEquals(Enums.HandlingRole.CO_HANDLER, coOrder.role());

        act(co, caseId, "progress", "{\"note\":\"已现场执法\"}").statusCode(200);
        ProgressReported p = awaitEvent(probe, caseId, EventCatalog.CASE_PROGRESS);
        assertEquals(Enums.HandlingRole.CO_HANDLER, p.role());
        assertEquals(co, p.unitCode());
        act(co, caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"x\"}").statusCode(403);
        act(co, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", co)).get("/api/v1/units/" + co + "/work-orders")
                .then().statusCode(200).body("find { it.caseId == '" + caseId + "' }.role", equalTo("CO_HANDLER"));
        given().header("Authorization", TestTokens.bearer("unit", co)).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(200).body("order.unitCode", equalTo(lead));

        act(lead, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        act(lead, caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"联合处置完毕\"}").statusCode(200);
        act(co, caseId, "progress", "{\"note\":\"late\"}").statusCode(409).body("currentState", equalTo("COMPLETED"));
    }
}
