package io.jiesu.dispatch.inbox;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.jiesu.dispatch.DispatchFixtures.data;
import static io.jiesu.dispatch.DispatchFixtures.dispatchedCase;
import static io.jiesu.dispatch.DispatchFixtures.is;
import static io.jiesu.dispatch.DispatchFixtures.sendEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18: a case that many repeat appeals link to gives its unit one REPEAT_APPEAL notice for the interval's first
 * repeat and one REPEAT_APPEAL_SUMMARY with the count when the interval ends — not a notice and a history row per
 * repeat; a redelivered repeat is not counted twice; the order still counts every repeat.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class RepeatAppealSummaryTest {
    static final String SETTING = "/api/v1/admin/settings/repeat_summary_interval_seconds";

    static Predicate<ConsumerRecord<String, String>> notice(String caseId, Enums.NoticeKind kind) {
        return r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && data(r, EventCatalog.INBOX_NOTICE).kind() == kind;
    }

    static void setInterval(int seconds) {
        String admin = TestTokens.bearer("admin");
        int version = given().header("Authorization", admin).get("/api/v1/admin/settings").then().statusCode(200)
                .extract().path("find { it.name == 'repeat_summary_interval_seconds' }.version");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"value\":\"" + seconds + "\",\"expectedVersion\":" + version + ",\"reason\":\"test\"}")
                .put(SETTING).then().statusCode(200);
    }

    @Test
    void fiftyRepeatsGiveOneNoticeAndOneSummaryOfFortyNine() {
        String unit = "110102015";
        try (KafkaProbe probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox")) {
            String caseId = dispatchedCase(probe, unit);
            setInterval(10);
            try {
                for (int i = 1; i <= 50; i++) {
                    CaseLinked linked = new CaseLinked(caseId, caseId + "-R" + i, "CTI-R" + i,
                            Enums.LinkReason.SAME_CALLER, Instant.now(), "又来电催促 " + i);
                    String ceId = sendEvent(Topics.CASE_INTAKE, EventCatalog.CASE_LINKED, caseId, linked,
                            UUID.randomUUID().toString());
                    if (i == 10) { // redelivered: the consumer applies it once
                        sendEvent(Topics.CASE_INTAKE, EventCatalog.CASE_LINKED, caseId, linked, ceId);
                    }
                }
                InboxNotice first = data(probe.awaitOne(notice(caseId, Enums.NoticeKind.REPEAT_APPEAL),
                        Duration.ofSeconds(30)), EventCatalog.INBOX_NOTICE);
                assertEquals(caseId + "-R1", first.details().get("appealId"));
                assertEquals(unit, first.unitCode());
                InboxNotice summary = data(probe.awaitOne(notice(caseId, Enums.NoticeKind.REPEAT_APPEAL_SUMMARY),
                        Duration.ofSeconds(40)), EventCatalog.INBOX_NOTICE);
                assertEquals("49", summary.details().get("count"));
                assertEquals(caseId + "-R50", summary.details().get("lastAppealId"));
                assertEquals("50", summary.details().get("repeatCount"));
                assertEquals(2, probe.collect(is(caseId, EventCatalog.INBOX_NOTICE), Duration.ofSeconds(2)).size(),
                        "one notice and one summary, not fifty notices");

                JsonPath detail = given().header("Authorization", TestTokens.bearer("unit", unit))
                        .get("/api/v1/work-orders/" + caseId).then().statusCode(200).extract().jsonPath();
                assertEquals(50, detail.getInt("order.repeatCount"), "every repeat is counted on the order");
                List<String> actions = detail.getList("history.action");
                assertEquals(1, actions.stream().filter("REPEAT_APPEAL"::equals).count());
                assertEquals(1, actions.stream().filter("REPEAT_APPEAL_SUMMARY"::equals).count());

                // the next repeat, after the interval: notified at once again, a new interval
                sendEvent(Topics.CASE_INTAKE, EventCatalog.CASE_LINKED, caseId, new CaseLinked(caseId,
                        caseId + "-R51", "CTI-R51", Enums.LinkReason.SAME_PLACE, Instant.now(), null),
                        UUID.randomUUID().toString());
                probe.await(notice(caseId, Enums.NoticeKind.REPEAT_APPEAL), 2, Duration.ofSeconds(30));
                assertEquals(3, probe.collect(is(caseId, EventCatalog.INBOX_NOTICE), Duration.ofSeconds(2)).size());
            } finally {
                setInterval(600);
            }
        }
    }
}
