package io.jiesu.whistle.retention;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.platform.retention.BookkeepingRetention;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.whistle.lead.CaseLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform kit's bookkeeping retention through this service's real database (whistle has both kit tables):
 * processed_event rows older than 14 days and finished timers older than 30 days are deleted, recent rows and PENDING
 * timers (however old) are kept, the tables are vacuumed from an autocommit connection, and an event redelivered
 * after a run is still applied only once. The scheduled run is off in this module's %test profile; the test runs it.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "whistle"))
class BookkeepingRetentionTest {
    static final String CONSUMER = "whistle-case-lead";
    static final String GROUP = "retention-test";

    @Inject
    BookkeepingRetention retention;
    @Inject
    CaseLeads leads;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void oldBookkeepingGoesRecentStaysAndARedeliveryIsStillAppliedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String caseId = "C-RET-" + run;
        sql("""
                INSERT INTO processed_event (consumer, event_id, event_type, processed_at) VALUES
                    (?, 'old-' || ?, 't', now() - interval '20 days'), (?, 'recent-' || ?, 't', now() - interval '1 day')""",
                CONSUMER, run, CONSUMER, run);
        // name, status, days since it last changed (a PENDING one is due in a year: the poller leaves it alone)
        for (Object[] t : List.of(new Object[] {"fired-old", "FIRED", 40}, new Object[] {"cancelled-old", "CANCELLED", 40},
                new Object[] {"failed-old", "FAILED", 40}, new Object[] {"fired-recent", "FIRED", 1},
                new Object[] {"pending-old", "PENDING", 40})) {
            sql("""
                    INSERT INTO durable_timer (timer_group, subject, name, status, updated_at, due_at)
                    VALUES (?, ?, ?, ?, now() - make_interval(days => ?), now() + interval '365 days')""",
                    GROUP, run, t[0], t[1], t[2]);
        }

        // an event applied just now: its processed_event row is recent
        ProducerRecord<String, String> applied = dispatched(caseId, "ret-" + run + "|x", "110101001", Instant.now());
        KafkaProbe.sendAll(TestInfrastructure.kafkaBootstrap(), List.of(applied));
        await().atMost(Duration.ofSeconds(30)).until(() -> leads.leadOf(caseId).isPresent());

        BookkeepingRetention.Result result = retention.run(Instant.now());
        assertFalse(result.skipped());
        assertTrue(result.deleted().get("processed_event") >= 1, result.toString());
        assertTrue(result.deleted().get("durable_timer") >= 3, result.toString());
        // this module's %test profile vacuums after any dead row: VACUUM runs outside a transaction
        assertTrue(result.vacuumed().containsAll(List.of("processed_event", "durable_timer")), result.toString());

        assertEquals(0, count("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = 'old-' || ?",
                CONSUMER, run));
        assertEquals(1, count("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = 'recent-' || ?",
                CONSUMER, run));
        assertEquals(List.of("fired-recent", "pending-old"), timers(run));

        // the recent event redelivered after the run is still de-duplicated: the test's mark on the case stays. A
        // second event of the same case (same partition, so applied after the redelivery) is older, so the time
        // guard keeps it from changing the lead; once it is recorded, the redelivery has been handled.
        sql("UPDATE case_lead SET unit_code = 'MARKED-BY-TEST' WHERE case_id = ?", caseId);
        String later = "ret-" + run + "|s";
        KafkaProbe.sendAll(TestInfrastructure.kafkaBootstrap(), List.of(applied,
                dispatched(caseId, later, "110101002", Instant.now().minus(Duration.ofHours(1)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?", CONSUMER, later) == 1);
        assertEquals(Optional.of("MARKED-BY-TEST"), leads.leadOf(caseId));
        assertEquals(1, count("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?", CONSUMER,
                "ret-" + run + "|x"));

        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*jiesu_retention_deleted_total\\{[^}]*table=\"durable_timer\"[^}]*} [3-9].*"));
    }

    private List<String> timers(String subject) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM durable_timer WHERE timer_group = ? AND subject = ? ORDER BY name")) {
            ps.setString(1, GROUP);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }

    private void sql(String statement, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private long count(String query, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static ProducerRecord<String, String> dispatched(String caseId, String eventId, String unit, Instant at) {
        return KafkaProbe.cloudEvent(Topics.CASE_DISPATCH, caseId, EventCatalog.CASE_DISPATCHED.type(), eventId, at,
                new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT, "territorial-default", "属地", at, at, at,
                        at, Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "HEATING", "110101", unit));
    }
}
