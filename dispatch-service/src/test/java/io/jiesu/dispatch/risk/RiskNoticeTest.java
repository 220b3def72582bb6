package io.jiesu.dispatch.risk;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.dispatch.timelimit.TimeLimitPolicy;
import io.jiesu.dispatch.timelimit.TimeLimits;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 风险预警 through the real broker and database: intake's risk-flagged event reaches the district's supervisors
 * (unit.D<district>.inbox) and the hotline centre (unit.CITY.inbox) as a RISK notice and the order's history; an
 * URGENT case has the shortest limits.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class RiskNoticeTest {
    static KafkaProbe probe;

    @Inject
    TimeLimits timeLimits;
    @Inject
    jakarta.persistence.EntityManager em;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\.D110105\\.inbox|unit\\.CITY\\.inbox");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static InboxNotice awaitRisk(String unit, String caseId) {
        return data(probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(unit))
                && data(r, EventCatalog.INBOX_NOTICE).kind() == Enums.NoticeKind.RISK, WAIT), EventCatalog.INBOX_NOTICE);
    }

    @Test
    void aRiskWordReachesTheDistrictsAndTheHotlinesSupervisors() {
        String caseId = newCaseId();
        sendReceived(received(caseId, "110105", "110105001", "NOISE", Enums.Urgency.URGENT));
        RiskFlagged flagged = new RiskFlagged(caseId, caseId, "110105", "110105001", "NOISE",
                Enums.AppealType.COMPLAINT, List.of(new RiskFlagged.RiskWordMatch("轻生", "SELF_HARM")),
                Instant.now(), Instant.now());
        String ceId = UUID.randomUUID().toString();
        sendEvent(Topics.CASE_INTAKE, EventCatalog.RISK_FLAGGED, caseId, flagged, ceId);
        sendEvent(Topics.CASE_INTAKE, EventCatalog.RISK_FLAGGED, caseId, flagged, ceId); // redelivered: once

        CaseDispatched dispatched = awaitEvent(probe, caseId, EventCatalog.CASE_DISPATCHED);
        assertEquals(Duration.ofMinutes(30), Duration.between(dispatched.dispatchedAt(), dispatched.signForDeadline()));
        assertEquals(Duration.ofHours(24), Duration.between(dispatched.dispatchedAt(), dispatched.completionDeadline()));

        InboxNotice district = awaitRisk("D110105", caseId);
        assertEquals("D110105", district.unitCode());
        assertTrue(district.message().startsWith("风险预警"), district.message());
        assertEquals("轻生 (SELF_HARM)", district.details().get("words"));
        assertEquals(dispatched.unitCode(), district.details().get("leadUnitCode"));
        InboxNotice city = awaitRisk("CITY", caseId);
        assertEquals("SELF_HARM", city.details().get("kinds"));
        assertEquals(2, probe.collect(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && data(r, EventCatalog.INBOX_NOTICE).kind() == Enums.NoticeKind.RISK, Duration.ofSeconds(2)).size(),
                "one notice per supervisor, also when the event is delivered twice");
        given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(200).body("history.action", hasItem("RISK_FLAGGED"));
    }

    @Test
    void urgentHasTheShortestLimitsForEveryAppealType() {
        List<TimeLimitPolicy> all = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "SELECT p FROM TimeLimitPolicy p", TimeLimitPolicy.class).getResultList());
        for (Enums.AppealType type : Enums.AppealType.values()) {
            TimeLimitPolicy urgent = QuarkusTransaction.requiringNew()
                    .call(() -> timeLimits.applicable(Enums.Urgency.URGENT, type));
            for (TimeLimitPolicy p : all) {
                assertTrue(urgent.signForMinutes <= p.signForMinutes && urgent.contactMinutes <= p.contactMinutes
                        && urgent.completionMinutes <= p.completionMinutes,
                        "URGENT " + type + " (" + urgent.id + ") is not shorter than " + p.id);
            }
        }
    }

    @Test
    void supervisorsAreTheDistrictWhenKnownAndAlwaysTheHotline() {
        assertEquals(List.of("D110105", "CITY"), RiskNotices.supervisorsOf("110105"));
        assertEquals(List.of("CITY"), RiskNotices.supervisorsOf("999999"));
        assertEquals(List.of("CITY"), RiskNotices.supervisorsOf(null));
    }
}
