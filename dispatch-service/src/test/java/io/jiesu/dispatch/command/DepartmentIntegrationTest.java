package io.jiesu.dispatch.command;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.CompleteCommand;
import io.jiesu.contract.event.CompleteCommandV2;
import io.jiesu.contract.event.ContactCommand;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ExtensionCommand;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.ProactiveWorkOrderRequested;
import io.jiesu.contract.event.ProgressCommand;
import io.jiesu.contract.event.ReturnCommand;
import io.jiesu.contract.event.SignCommand;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Department systems through plain Kafka: commands on {@code unit.<unitCode>.commands}, repeat appeals reaching the
 * holding unit, proactive work orders from analytics, and the integrators' examples.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class DepartmentIntegrationTest {
    static KafkaProbe probe;

    @BeforeAll
    static void follow() {
        probe = KafkaProbe.follow("case\\.dispatch|unit\\..*\\.inbox|unit\\.commands\\.dlq");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static <T> String command(String unit, EventType<T> type, String caseId, T data) {
        return sendEvent(Topics.unitCommands(unit), type, caseId, data, UUID.randomUUID().toString());
    }

    static String status(String caseId) {
        return given().header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/work-orders/" + caseId)
                .then().extract().path("order.status");
    }

    static InboxNotice awaitNotice(String unit, String caseId, Enums.NoticeKind kind) {
        return data(probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && r.topic().equals(Topics.unitInbox(unit))
                && data(r, EventCatalog.INBOX_NOTICE).kind() == kind, WAIT), EventCatalog.INBOX_NOTICE);
    }

    @Test
    void aDepartmentSystemRunsTheWholeLifecycleWithCommandsOnItsOwnTopic() {
        String unit = "110102011";
        String caseId = dispatchedCase(probe, unit);
        String signId = command(unit, EventCatalog.COMMAND_SIGN, caseId, new SignCommand(caseId, "值班员"));
        // The same command again (same ce_id) takes effect once.
        sendEvent(Topics.unitCommands(unit), EventCatalog.COMMAND_SIGN, caseId, new SignCommand(caseId, "值班员"), signId);
        awaitEvent(probe, caseId, EventCatalog.CASE_SIGNED_FOR);
        command(unit, EventCatalog.COMMAND_CONTACT, caseId, new ContactCommand(caseId, "PHONE", "已联系"));
        command(unit, EventCatalog.COMMAND_PROGRESS, caseId, new ProgressCommand(caseId, "处理中"));
        command(unit, EventCatalog.COMMAND_COMPLETE, caseId,
                new CompleteCommand(caseId, Enums.Outcome.RESOLVED, "已解决", null));
        // a v1 command still works; what comes out is completion v2
        assertEquals(Enums.CompletionOutcome.RESOLVED,
                awaitEvent(probe, caseId, EventCatalog.CASE_COMPLETED_V2).outcome());
        assertEquals("COMPLETED", status(caseId));
        assertEquals(1, probe.collect(is(caseId, EventCatalog.CASE_SIGNED_FOR), Duration.ofSeconds(2)).size(),
                "a redelivered command is applied once");
        // No rejection was needed.
        assertTrue(probe.collect(is(caseId, EventCatalog.INBOX_NOTICE), Duration.ZERO).isEmpty());
    }

    @Test
    void refusedCommandsAreAnsweredOnTheSendersInboxAndChangeNothing() {
        String owner = "110102012";
        String intruder = "110102013";
        String caseId = dispatchedCase(probe, owner);
        // Another unit's command topic cannot act on this order.
        String foreign = command(intruder, EventCatalog.COMMAND_SIGN, caseId, new SignCommand(caseId, "x"));
        InboxNotice refused = awaitNotice(intruder, caseId, Enums.NoticeKind.COMMAND_REJECTED);
        assertEquals(foreign, refused.details().get("commandId"));
        assertEquals("403", refused.details().get("status"));
        assertEquals("DISPATCHED", status(caseId));
        // An illegal transition says the state and the allowed actions.
        command(owner, EventCatalog.COMMAND_COMPLETE, caseId,
                new CompleteCommand(caseId, Enums.Outcome.RESOLVED, "x", null));
        InboxNotice illegal = awaitNotice(owner, caseId, Enums.NoticeKind.COMMAND_REJECTED);
        assertEquals("409", illegal.details().get("status"));
        assertEquals("DISPATCHED", illegal.details().get("currentState"));
        assertEquals("[sign, return]", illegal.details().get("allowedActions"));
        // Invalid data: 422 with the field.
        command(owner, EventCatalog.COMMAND_RETURN, caseId, new ReturnCommand(caseId, " "));
        probe.await(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r)
                && "422".equals(data(r, EventCatalog.INBOX_NOTICE).details().get("status")), 1, WAIT);
        assertEquals("DISPATCHED", status(caseId));
        // Unreadable records go to the dead-letter topic with the reason.
        String key = newCaseId();
        KafkaProbe.send(TestInfrastructure.kafkaBootstrap(), Topics.unitCommands(owner), key, "{broken", Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventCatalog.COMMAND_SIGN.type()));
        ConsumerRecord<String, String> dead = probe.awaitOne(r -> key.equals(r.key())
                && r.topic().equals("unit.commands.dlq"), WAIT);
        assertNotNull(KafkaProbe.header(dead, "dead-letter-reason"));
        // The unit still acts afterwards.
        command(owner, EventCatalog.COMMAND_SIGN, caseId, new SignCommand(caseId, null));
        awaitEvent(probe, caseId, EventCatalog.CASE_SIGNED_FOR);
    }

    @Test
    void aRepeatAppealLinkedByIntakeReachesTheHoldingUnitsInbox() {
        String unit = "110102014";
        String caseId = dispatchedCase(probe, unit);
        CaseLinked linked = new CaseLinked(caseId, "C-T-REPEAT-" + UUID.randomUUID(), "CTI-9", Enums.LinkReason.SAME_CALLER,
                Instant.now(), "又来电催促");
        String ceId = sendEvent(Topics.CASE_INTAKE, EventCatalog.CASE_LINKED, caseId, linked, UUID.randomUUID().toString());
        sendEvent(Topics.CASE_INTAKE, EventCatalog.CASE_LINKED, caseId, linked, ceId);
        InboxNotice notice = awaitNotice(unit, caseId, Enums.NoticeKind.REPEAT_APPEAL);
        assertEquals(linked.appealId(), notice.details().get("appealId"));
        assertEquals("SAME_CALLER", notice.details().get("reason"));
        assertTrue(notice.message().contains("又来电催促"));
        assertEquals(1, probe.collect(r -> is(caseId, EventCatalog.INBOX_NOTICE).test(r), Duration.ofSeconds(2)).size());
        given().header("Authorization", TestTokens.bearer("unit", unit)).get("/api/v1/work-orders/" + caseId)
                .then().body("order.repeatCount", equalTo(1));
    }

    @Test
    void aProactiveRequestFromAnalyticsBecomesAWorkOrderWithTheSameLifecycle() {
        String caseId = "CP" + UUID.randomUUID().toString().replace("-", "");
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        ProactiveWorkOrderRequested request = new ProactiveWorkOrderRequested("REQ-" + caseId, caseId, "T-2026-11",
                "DEPT_HOUSING", "PROPERTY_MANAGEMENT", new Location("110105", "110105001", null, "某小区", null, null),
                "未诉先办: 某小区物业问题高发，请主动排查", due, Instant.now());
        sendEvent(Topics.ANALYTICS_INSIGHTS, EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED, caseId, request,
                UUID.randomUUID().toString());
        CaseDispatched d = awaitEvent(probe, caseId, EventCatalog.CASE_DISPATCHED);
        assertEquals("DEPT_HOUSING", d.unitCode());
        assertEquals("proactive", d.ruleId());
        assertEquals(due.plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant(), d.completionDeadline());
        InboxWorkOrder order = data(probe.awaitOne(r -> is(caseId, EventCatalog.INBOX_WORK_ORDER).test(r), WAIT),
                EventCatalog.INBOX_WORK_ORDER);
        assertNull(order.citizen(), "no citizen behind a proactive order");
        given().header("Authorization", TestTokens.bearer("unit", "DEPT_HOUSING")).get("/api/v1/work-orders/" + caseId)
                .then().statusCode(200).body("order.channel", equalTo("PROACTIVE"));
        act("DEPT_HOUSING", caseId, "sign", "{}").statusCode(200);
        act("DEPT_HOUSING", caseId, "contact", "{\"method\":\"VISIT\",\"note\":\"走访物业\"}").statusCode(200);
        act("DEPT_HOUSING", caseId, "complete", "{\"outcome\":\"RESOLVED\",\"summary\":\"已整改\"}").statusCode(200);
        awaitEvent(probe, caseId, EventCatalog.CASE_COMPLETED_V2);
    }

    static String example(String name) throws Exception {
        return Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples", name));
    }

    @Test
    void theIntegratorsExamplesAreExactCommandsAndValidRequests() throws Exception {
        ObjectMapper strict = Json.configure(new ObjectMapper()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertNotNull(strict.readValue(example("sign.json"), SignCommand.class).caseId());
        assertNotNull(strict.readValue(example("contact.json"), ContactCommand.class).method());
        assertNotNull(strict.readValue(example("progress.json"), ProgressCommand.class).note());
        assertNotNull(strict.readValue(example("return.json"), ReturnCommand.class).reason());
        assertNotNull(strict.readValue(example("extension.json"), ExtensionCommand.class).requestedDeadline());
        assertNotNull(strict.readValue(example("complete.json"), CompleteCommandV2.class).outcome());
        CompleteCommandV2 conditions = strict.readValue(example("complete-conditions.json"), CompleteCommandV2.class);
        assertNotNull(conditions.plan());
        assertNotNull(conditions.followUpOn());

        String unit = "110102015";
        String example = "C202611250000042";
        String caseId = dispatchedCase(probe, unit);
        act(unit, caseId, "sign", example("sign.json").replace(example, caseId)).statusCode(200);
        act(unit, caseId, "contact", example("contact.json").replace(example, caseId)).statusCode(200);
        act(unit, caseId, "progress", example("progress.json").replace(example, caseId)).statusCode(200);
        act(unit, caseId, "co-handlers", example("co-handler.json").replace(example, caseId)).statusCode(200);
        Instant deadline = Instant.parse(given().header("Authorization", TestTokens.bearer("unit", unit))
                .get("/api/v1/work-orders/" + caseId).then().extract().path("order.completionDeadline"));
        String extension = example("extension.json").replace(example, caseId)
                .replace("2026-12-16T10:00:00Z", deadline.plus(Duration.ofDays(3)).toString());
        act(unit, caseId, "extension", extension).statusCode(200);
        review("work-orders/" + caseId + "/extension/decision", example("extension-decision.json")
                .replace("2026-12-16T10:00:00Z", deadline.plus(Duration.ofDays(3)).toString())).statusCode(200);
        act(unit, caseId, "complete", example("complete.json").replace(example, caseId)).statusCode(200);

        String later = dispatchedCase(probe, unit);
        act(unit, later, "sign", "{}").statusCode(200);
        act(unit, later, "contact", "{\"method\":\"PHONE\"}").statusCode(200);
        act(unit, later, "complete", example("complete-conditions.json").replace(example, later)
                .replace("2027-03-01", java.time.LocalDate.now().plusDays(30).toString())).statusCode(200)
                .body("outcome", equalTo("CONDITIONS_BEING_CREATED"));

        String other = dispatchedCase(probe, "110101001");
        act("110101001", other, "return", example("return.json").replace(example, other)).statusCode(200);
        review("work-orders/" + other + "/return/decision", example("return-decision.json")).statusCode(200)
                .body("unitCode", equalTo("110101002"));
    }
}
