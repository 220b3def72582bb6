package io.jiesu.dispatch.reopen;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CaseEscalated;
import io.jiesu.contract.event.CaseReopenRequested;
import io.jiesu.contract.event.CaseReopened;
import io.jiesu.contract.event.CompleteCommandV2;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.dispatch.completion.FollowUps;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 有一办一 and 重办 through REST, the real broker and the real database: the four outcomes and their 422s, v1 and v2
 * commands, the follow-up reminder, reopening (second round, round limit → district, redelivery), the settings admin
 * API, and the reviewers' across-units list.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class OutcomesAndReopeningTest {
    static final String UNIT = "110105001";
    static KafkaProbe probe;

    @Inject
    EntityManager em;
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

    static String contacted(String unit) {
        String caseId = dispatchedCase(probe, unit);
        act(unit, caseId, "sign", "{}").statusCode(200);
        act(unit, caseId, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        return caseId;
    }

    static InboxNotice awaitNotice(String unit, String caseId, Enums.NoticeKind kind) {
        return data(probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(unit))
                && data(r, EventCatalog.INBOX_NOTICE).kind() == kind, WAIT), EventCatalog.INBOX_NOTICE);
    }

    static String reopenRequest(String caseId, int round, String ceId) {
        return sendEvent(Topics.CASE_EVALUATION, EventCatalog.REOPEN_REQUESTED, caseId,
                new CaseReopenRequested(caseId, "V-" + round + "-" + caseId, round, Enums.Resolution.UNRESOLVED,
                        Enums.Satisfaction.DISSATISFIED, "噪音仍在", Instant.now()), ceId);
    }

    @Test
    void theFourOutcomesWithTheirRules() {
        String partly = contacted(UNIT);
        act(UNIT, partly, "complete", "{\"outcome\":\"PARTLY_RESOLVED\",\"summary\":\"修好一半\"}").statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        act(UNIT, partly, "complete", "{\"outcome\":\"MAGIC\",\"summary\":\"x\"}").statusCode(400)
                .contentType("application/problem+json");
        act(UNIT, partly, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"x\",\"followUpOn\":\"2030-01-01\"}")
                .statusCode(422).body("field", equalTo("followUpOn"));
        act(UNIT, partly, "complete", "{\"outcome\":\"CONDITIONS_BEING_CREATED\",\"summary\":\"s\",\"reason\":\"r\","
                + "\"plan\":\"p\",\"followUpOn\":\"2020-01-01\"}").statusCode(422).body("field", equalTo("followUpOn"));
        act(UNIT, partly, "complete", "{\"outcome\":\"CONDITIONS_BEING_CREATED\",\"summary\":\"s\",\"reason\":\"r\","
                + "\"plan\":\"p\",\"followUpOn\":\"not-a-date\"}").statusCode(400);
        act(UNIT, partly, "complete", "{\"outcome\":\"PARTLY_RESOLVED\",\"summary\":\"修好一半\",\"reason\":\"另一半需产权单位\"}")
                .statusCode(200).body("outcome", equalTo("PARTLY_RESOLVED")).body("round", equalTo(1));
        CaseCompletedV2 p = awaitEvent(probe, partly, EventCatalog.CASE_COMPLETED_V2);
        assertEquals(Enums.CompletionOutcome.PARTLY_RESOLVED, p.outcome());
        assertEquals("另一半需产权单位", p.reason());

        // An old client's CANNOT_SOLVE is EXPLAINED with its reason.
        String cannot = contacted(UNIT);
        act(UNIT, cannot, "complete", "{\"outcome\":\"CANNOT_SOLVE\",\"summary\":\"无法解决\",\"reason\":\"超出职权\"}")
                .statusCode(200).body("outcome", equalTo("EXPLAINED"));
        CaseCompletedV2 c = awaitEvent(probe, cannot, EventCatalog.CASE_COMPLETED_V2);
        assertEquals(Enums.CompletionOutcome.EXPLAINED, c.outcome());
        assertEquals("超出职权", c.reason());

        // CONDITIONS_BEING_CREATED over Kafka (v2 command): a follow-up reminder on the date, on the unit's inbox.
        String later = contacted(UNIT);
        LocalDate followUp = LocalDate.now().plusDays(20);
        sendEvent(Topics.unitCommands(UNIT), EventCatalog.COMMAND_COMPLETE_V2, later, new CompleteCommandV2(later,
                Enums.CompletionOutcome.CONDITIONS_BEING_CREATED, "已立项", "需要资金", "明年春季改造", followUp),
                UUID.randomUUID().toString());
        CaseCompletedV2 l = awaitEvent(probe, later, EventCatalog.CASE_COMPLETED_V2);
        assertEquals(followUp, l.followUpOn());
        assertEquals("明年春季改造", l.plan());
        var timer = timers.of(FollowUps.GROUP, later);
        assertEquals(1, timer.size());
        assertEquals(FollowUps.remindAt(followUp), timer.get(0).dueAt());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE durable_timer SET due_at = now() - interval '1 second'
                WHERE timer_group = ?1 AND subject = ?2""").setParameter(1, FollowUps.GROUP).setParameter(2, later)
                .executeUpdate());
        InboxNotice reminder = awaitNotice(UNIT, later, Enums.NoticeKind.REMINDER);
        assertEquals("FOLLOW_UP", reminder.details().get("reminder"));
        assertEquals(followUp.toString(), reminder.details().get("followUpOn"));
    }

    @Test
    void aReopenedCaseGoesBackToItsUnitForASecondRoundAndPastTheLimitTheDistrictIsTold() {
        String caseId = contacted(UNIT);
        act(UNIT, caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"已处理\"}").statusCode(200);
        awaitEvent(probe, caseId, EventCatalog.CASE_COMPLETED_V2);

        String ceId = reopenRequest(caseId, 1, UUID.randomUUID().toString());
        CaseReopened reopened = awaitEvent(probe, caseId, EventCatalog.CASE_REOPENED);
        assertEquals(2, reopened.round());
        assertEquals(UNIT, reopened.unitCode());
        assertTrue(reopened.reason().contains("UNRESOLVED") && reopened.reason().contains("噪音仍在"));
        assertTrue(reopened.completionDeadline().isAfter(Instant.now().plus(Duration.ofDays(6))), "7 days again");
        InboxNotice notice = awaitNotice(UNIT, caseId, Enums.NoticeKind.REOPENED);
        assertEquals("2", notice.details().get("round"));
        InboxWorkOrder again = data(probe.await(r -> is(caseId, EventCatalog.INBOX_WORK_ORDER).test(r)
                && r.topic().equals(Topics.unitInbox(UNIT)), 2, WAIT).get(1), EventCatalog.INBOX_WORK_ORDER);
        assertEquals(reopened.completionDeadline(), again.completionDeadline());

        // Redelivery (same ce_id) and the same visit's request again (another ce_id) change nothing.
        reopenRequest(caseId, 1, ceId);
        reopenRequest(caseId, 1, UUID.randomUUID().toString());
        given().header("Authorization", TestTokens.bearer("unit", UNIT)).get("/api/v1/work-orders/" + caseId).then()
                .statusCode(200).body("order.status", equalTo("REOPENED")).body("order.round", equalTo(2))
                .body("allowedActions", contains("sign")).body("order.outcome", org.hamcrest.Matchers.nullValue())
                .body("history.action", hasItem("REOPENED"));

        // Round 2: sign, contact, complete again → completed v2 with round 2.
        act(UNIT, caseId, "sign", "{}").statusCode(200).body("status", equalTo("SIGNED_FOR"));
        act(UNIT, caseId, "contact", "{\"method\":\"VISIT\"}").statusCode(200);
        act(UNIT, caseId, "complete", "{\"outcome\":\"EXPLAINED\",\"summary\":\"再次上门说明\",\"reason\":\"噪声在标准限值内\"}")
                .statusCode(200).body("round", equalTo(2));
        CaseCompletedV2 second = probe.await(is(caseId, EventCatalog.CASE_COMPLETED_V2), 2, WAIT).stream()
                .map(r -> data(r, EventCatalog.CASE_COMPLETED_V2)).filter(e -> e.round() == 2).findFirst()
                .orElseThrow();
        assertEquals(Enums.CompletionOutcome.EXPLAINED, second.outcome());
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_REOPENED), Duration.ZERO).size(),
                "the repeated requests reopened nothing");

        // Round 1's request once more is stale; round 2's visit reopens to round 3, beyond the limit (2): the district.
        reopenRequest(caseId, 1, UUID.randomUUID().toString());
        reopenRequest(caseId, 2, UUID.randomUUID().toString());
        CaseEscalated escalated = awaitEvent(probe, caseId, EventCatalog.CASE_ESCALATED);
        assertEquals("D110105", escalated.escalatedToUnitCode());
        assertEquals(3, escalated.round());
        assertEquals(2, escalated.roundLimit());
        InboxNotice district = awaitNotice("D110105", caseId, Enums.NoticeKind.ESCALATION);
        assertEquals(UNIT, district.details().get("leadUnitCode"));
        assertEquals(2, probe.collect(is(caseId, EventCatalog.CASE_REOPENED), Duration.ofSeconds(2)).size());
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + caseId).then()
                .body("order.round", equalTo(3)).body("order.unitCode", equalTo(UNIT))
                .body("history.action", hasItem("ESCALATED"));
    }

    @Test
    void theRoundLimitIsAVersionedSettingWithAnAuditTrail() {
        String admin = TestTokens.bearer("admin");
        int version = given().header("Authorization", admin).get("/api/v1/admin/settings").then().statusCode(200)
                .extract().path("find { it.name == 'max_handling_rounds' }.version");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"value\":\"0\",\"expectedVersion\":" + version + ",\"reason\":\"x\"}")
                .put("/api/v1/admin/settings/max_handling_rounds").then().statusCode(422);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"value\":\"2\",\"expectedVersion\":" + (version + 5) + ",\"reason\":\"x\"}")
                .put("/api/v1/admin/settings/max_handling_rounds").then().statusCode(409);
        given().header("Authorization", TestTokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body("{\"value\":\"2\",\"expectedVersion\":" + version + ",\"reason\":\"x\"}")
                .put("/api/v1/admin/settings/max_handling_rounds").then().statusCode(403);
        // the same value again: a new version all the same, so the audit trail shows who confirmed it
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"value\":\"2\",\"expectedVersion\":" + version + ",\"reason\":\"市里要求两轮后报区\"}")
                .put("/api/v1/admin/settings/max_handling_rounds").then().statusCode(200)
                .body("version", equalTo(version + 1)).body("value", equalTo("2"));
        given().header("Authorization", admin).get("/api/v1/admin/settings/max_handling_rounds/history").then()
                .statusCode(200).body("reason", hasItem("市里要求两轮后报区"));
    }

    @Test
    void reviewersListOrdersOverdueOrDueSoonAcrossUnitsOnePageAtATime() {
        String fresh = dispatchedCase(probe, "110105002"); // sign-for due in 2 h
        String late = dispatchedCase(probe, "110105003");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE work_order SET overdue = true WHERE case_id = ?1").setParameter(1, late).executeUpdate());
        String reviewer = TestTokens.bearer("reviewer");
        given().header("Authorization", reviewer).queryParam("dueWithinHours", 3).queryParam("district", "110105")
                .queryParam("unitKind", "STREET").queryParam("size", 500).get("/api/v1/work-orders").then()
                .statusCode(200).body("items.caseId", hasItem(fresh)).body("total", greaterThanOrEqualTo(2))
                .body("items.districtCode", everyItem(equalTo("110105")))
                .body("items.nextDeadline", everyItem(notNullValue()));
        given().header("Authorization", reviewer).queryParam("dueWithinHours", 1).queryParam("district", "110105")
                .get("/api/v1/work-orders").then().statusCode(200).body("items.caseId", not(hasItem(fresh)));
        given().header("Authorization", reviewer).queryParam("overdue", "true").queryParam("status", "DISPATCHED")
                .queryParam("sort", "-dispatchedAt").queryParam("size", 500).get("/api/v1/work-orders").then()
                .statusCode(200).body("items.caseId", hasItem(late)).body("items.caseId", not(hasItem(fresh)));
        given().header("Authorization", reviewer).queryParam("dueWithinHours", 3).queryParam("size", 1)
                .get("/api/v1/work-orders").then().statusCode(200).body("items.size()", equalTo(1))
                .body("size", equalTo(1)).body("total", greaterThanOrEqualTo(2));
        for (var bad : new String[][] {{}, {"overdue", "true", "dueWithinHours", "2"}, {"dueWithinHours", "0"},
                {"overdue", "false"}, {"dueWithinHours", "2", "sort", "content"}, {"dueWithinHours", "2", "unitKind", "X"},
                {"dueWithinHours", "2", "district", "999999"}}) {
            var request = given().header("Authorization", reviewer);
            for (int i = 0; i < bad.length; i += 2) {
                request = request.queryParam(bad[i], bad[i + 1]);
            }
            request.get("/api/v1/work-orders").then().statusCode(400).contentType("application/problem+json");
        }
        given().header("Authorization", TestTokens.bearer("unit", "110105002")).queryParam("dueWithinHours", 3)
                .get("/api/v1/work-orders").then().statusCode(403);
        // the list beside /work-orders/{caseId}/… leaves their answers to a wrong method alone
        given().header("Authorization", reviewer).patch("/api/v1/work-orders/" + fresh + "/complete").then()
                .statusCode(405);
        given().header("Authorization", reviewer).patch("/api/v1/work-orders/" + fresh).then().statusCode(405);
        // a unit's own list: plain array, total in X-Total-Count
        given().header("Authorization", TestTokens.bearer("unit", "110105002")).queryParam("size", 1)
                .get("/api/v1/units/110105002/work-orders").then().statusCode(200).body("size()", equalTo(1))
                .header("X-Total-Count", notNullValue());
    }
}
