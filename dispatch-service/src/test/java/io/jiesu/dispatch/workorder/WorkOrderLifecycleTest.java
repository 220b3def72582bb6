package io.jiesu.dispatch.workorder;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CitizenContacted;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.contract.event.ProgressReported;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.dispatch.deadline.Deadlines;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work-order state machine through REST, the real database and the real broker; unit isolation. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class WorkOrderLifecycleTest {
    static final String UNIT = "110101003";
    static final String OTHER = "110101004";
    static KafkaProbe probe;

    @Inject
    DurableTimers timers;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void signContactProgressCompletePublishesEveryTransitionAndCancelsTheDeadlines() {
        String caseId = dispatchedCase(probe, UNIT);
        given().header("Authorization", TestTokens.bearer("unit", UNIT)).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(200).body("order.status", equalTo("DISPATCHED"))
                .body("order.allowedActions", contains("sign", "return"))
                .body("order.role", equalTo("LEAD"));

        act(UNIT, caseId, "sign", "{\"signedBy\":\"张三\"}").statusCode(200)
                .body("status", equalTo("SIGNED_FOR"))
                .body("allowedActions", contains("contact", "progress", "extension", "co-handlers"));
        act(UNIT, caseId, "contact", "{\"caseId\":\"" + caseId + "\",\"method\":\"PHONE\",\"note\":\"约定上门\"}")
                .statusCode(200).body("status", equalTo("CONTACTED"));
        act(UNIT, caseId, "progress", "{\"note\":\"已联系施工方\"}").statusCode(200);
        act(UNIT, caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"夜间施工已停止\"}").statusCode(200)
                .body("status", equalTo("COMPLETED")).body("allowedActions", empty())
                .body("outcome", equalTo("RESOLVED"));

        WorkOrderSignedFor signed = awaitEvent(probe, caseId, EventCatalog.CASE_SIGNED_FOR);
        assertEquals(UNIT, signed.unitCode());
        assertEquals("张三", signed.signedBy());
        assertFalse(signed.late());
        CitizenContacted contacted = awaitEvent(probe, caseId, EventCatalog.CASE_CONTACTED);
        assertEquals("PHONE", contacted.method());
        ProgressReported progress = awaitEvent(probe, caseId, EventCatalog.CASE_PROGRESS);
        assertEquals(Enums.HandlingRole.LEAD, progress.role());
        CaseCompletedV2 completed = awaitEvent(probe, caseId, EventCatalog.CASE_COMPLETED_V2);
        assertEquals(Enums.CompletionOutcome.RESOLVED, completed.outcome());
        assertEquals(1, completed.round());
        assertFalse(completed.late());

        // In order on the case's partition: dispatched, signed-for, contacted, progress, completed.
        List<String> types = probe.collect(r -> caseId.equals(r.key()) && Topics.CASE_DISPATCH.equals(r.topic()),
                Duration.ZERO).stream().map(r -> KafkaProbe.header(r, "ce_type")).toList();
        assertEquals(List.of(EventCatalog.CASE_DISPATCHED.type(), EventCatalog.CASE_SIGNED_FOR.type(),
                EventCatalog.CASE_CONTACTED.type(), EventCatalog.CASE_PROGRESS.type(),
                EventCatalog.CASE_COMPLETED_V2.type()), types);

        // Every deadline met or moot: no timer of the case is left to fire.
        assertTrue(timers.of(Deadlines.GROUP, caseId).stream().allMatch(t -> t.status().equals("CANCELLED")),
                () -> timers.of(Deadlines.GROUP, caseId).toString());
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(200).body("history.action", contains("DISPATCHED", "SIGNED_FOR", "CONTACTED",
                        "PROGRESS", "COMPLETED"));
    }

    @Test
    void illegalTransitionsAre409WithTheCurrentStateAndTheAllowedActions() {
        String caseId = dispatchedCase(probe, UNIT);
        for (String action : List.of("contact", "progress", "extension", "complete", "co-handlers")) {
            act(UNIT, caseId, action, "{}").statusCode(409).contentType("application/problem+json")
                    .body("currentState", equalTo("DISPATCHED"))
                    .body("allowedActions", contains("sign", "return"));
        }
        act(UNIT, caseId, "sign", "{}").statusCode(200);
        act(UNIT, caseId, "sign", "{}").statusCode(409).body("currentState", equalTo("SIGNED_FOR"))
                .body("allowedActions", contains("contact", "progress", "extension", "co-handlers"));
        act(UNIT, caseId, "return", "{\"reason\":\"不是我们的\"}").statusCode(409)
                .body("currentState", equalTo("SIGNED_FOR"));
        act(UNIT, caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"x\"}").statusCode(409)
                .body("currentState", equalTo("SIGNED_FOR"));
        act(UNIT, caseId, "contact", "{\"method\":\"SMS\"}").statusCode(200);
        act(UNIT, caseId, "contact", "{\"method\":\"SMS\"}").statusCode(409).body("currentState", equalTo("CONTACTED"))
                .body("allowedActions", contains("progress", "extension", "complete", "co-handlers"));
        act(UNIT, caseId, "complete", "{\"outcome\":\"EXPLAINED\",\"summary\":\"已解释政策\"}").statusCode(200);
        for (String action : List.of("sign", "contact", "progress", "return", "extension", "complete", "co-handlers")) {
            act(UNIT, caseId, action, "{}").statusCode(409).body("currentState", equalTo("COMPLETED"))
                    .body("allowedActions", empty());
        }
        // Nothing but the three legal transitions reached the topic.
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_SIGNED_FOR), Duration.ofSeconds(2)).size());
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_CONTACTED), Duration.ZERO).size());
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_COMPLETED_V2), Duration.ZERO).size());
    }

    @Test
    void badBodiesAreClientErrorsNamingTheField() {
        String caseId = dispatchedCase(probe, UNIT);
        act(UNIT, caseId, "sign", "{\"caseId\":\"C-OTHER\"}").statusCode(400).body("field", equalTo("caseId"));
        act(UNIT, caseId, "sign", "{not json").statusCode(400).contentType("application/problem+json");
        act(UNIT, caseId, "return", "{}").statusCode(422).body("field", equalTo("reason"));
        act(UNIT, caseId, "sign", "").statusCode(200);
        act(UNIT, caseId, "contact", "{\"note\":\"no method\"}").statusCode(422).body("field", equalTo("method"));
        act(UNIT, caseId, "extension", "{\"reason\":\"材料未齐\",\"requestedDeadline\":\"2020-01-01T00:00:00Z\"}")
                .statusCode(422).body("field", equalTo("requestedDeadline"));
        act(UNIT, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        act(UNIT, caseId, "complete", "{\"outcome\":\"CANNOT_SOLVE\",\"summary\":\"尝试协调\"}").statusCode(422)
                .body("field", equalTo("reason"));
        act(UNIT, caseId, "complete", "{\"outcome\":\"MAYBE\",\"summary\":\"x\"}").statusCode(400);
        act(UNIT, caseId, "complete", "{\"outcome\":\"CANNOT_SOLVE\",\"summary\":\"尝试协调\",\"reason\":\"历史遗留产权问题\"}")
                .statusCode(200).body("completionReason", equalTo("历史遗留产权问题"));
    }

    @Test
    void anotherUnitGets403AndLearnsNothingAboutTheOrder() {
        String caseId = dispatchedCase(probe, UNIT);
        String missing = newCaseId();
        for (String action : List.of("sign", "contact", "progress", "return", "extension", "complete", "co-handlers")) {
            act(OTHER, caseId, action, "{}").statusCode(403).contentType("application/problem+json")
                    .body("detail", equalTo("work order " + caseId + " is not one of unit " + OTHER + "'s work orders"))
                    .body("currentState", equalTo(null));
            act(OTHER, missing, action, "{}").statusCode(403)
                    .body("detail", equalTo("work order " + missing + " is not one of unit " + OTHER + "'s work orders"));
        }
        given().header("Authorization", TestTokens.bearer("unit", OTHER)).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", OTHER)).get("/api/v1/units/" + UNIT + "/work-orders")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("unit", OTHER)).get("/api/v1/units/" + OTHER + "/work-orders")
                .then().statusCode(200).body("caseId", not(hasItem(caseId)));
        // Roles other than unit may not act for a unit; no token is a 401.
        given().header("Authorization", TestTokens.bearer("reviewer")).contentType("application/json").body("{}")
                .post("/api/v1/work-orders/" + caseId + "/sign").then().statusCode(403);
        given().contentType("application/json").body("{}").post("/api/v1/work-orders/" + caseId + "/sign")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + missing)
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("unit", UNIT)).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(200).body("order.status", equalTo("DISPATCHED"));
    }

    @Test
    void aPlainKafkaConsumerOfOneInboxReceivesThatUnitsOrdersAndNothingElse() {
        String unit = "110101005";
        try (KafkaProbe inbox = KafkaProbe.follow(Topics.unitInbox(unit).replace(".", "\\."))) {
            String mine = dispatchedCase(probe, unit);
            String theirs = dispatchedCase(probe, "110101006");
            ConsumerRecord<String, String> order = inbox.awaitOne(is(mine, EventCatalog.INBOX_WORK_ORDER), WAIT);
            InboxWorkOrder data = data(order, EventCatalog.INBOX_WORK_ORDER);
            assertEquals(unit, data.unitCode());
            assertEquals("13800000000", data.citizen().phone());
            List<ConsumerRecord<String, String>> all = inbox.collect(r -> true, Duration.ofSeconds(3));
            assertTrue(all.stream().noneMatch(r -> theirs.equals(r.key())), "another unit's order leaked");
            assertTrue(all.stream().allMatch(r -> r.topic().equals(Topics.unitInbox(unit))
                    && r.value().contains("\"unitCode\":\"" + unit + "\"")), "only this unit's records");
        }
    }

    @Test
    void theUnitListFiltersByStatusAndOverdue() {
        String unit = "110101007";
        String a = dispatchedCase(probe, unit);
        String b = dispatchedCase(probe, unit);
        act(unit, a, "sign", "{}").statusCode(200);
        given().header("Authorization", TestTokens.bearer("unit", unit))
                .get("/api/v1/units/" + unit + "/work-orders?status=SIGNED_FOR").then().statusCode(200)
                .body("caseId", hasItem(a)).body("caseId", not(hasItem(b)));
        given().header("Authorization", TestTokens.bearer("unit", unit))
                .get("/api/v1/units/" + unit + "/work-orders?overdue=false").then().statusCode(200)
                .body("caseId", hasItem(a)).body("caseId", hasItem(b));
        given().header("Authorization", TestTokens.bearer("unit", unit))
                .get("/api/v1/units/" + unit + "/work-orders?overdue=true").then().statusCode(200)
                .body("caseId", not(hasItem(a)));
    }
}
