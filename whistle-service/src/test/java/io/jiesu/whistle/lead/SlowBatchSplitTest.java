package io.jiesu.whistle.lead;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a burst, a consumer recovers by itself: a batch held up by one slow record (here: a row lock the test holds on
 * that record's case) is split, not retried whole — the other records are applied within seconds, the slow one alone
 * gets through once the lock is gone, nothing is lost or applied twice and the service stays ready. Budgets in this
 * module's %test profile: 4 s per poll, 1 s per record.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "whistle"))
class SlowBatchSplitTest {
    static final String UNIT = "110101001";

    @Inject
    CaseLeads leads;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchHeldUpByOneRecordIsSplitAndEveryRecordIsAppliedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            cases.add("C-SPLIT-" + run + "-" + i);
        }
        String slow = cases.get(17);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            // an uncommitted row with the slow case's key: the consumer's insert of that key waits for this transaction
            try (PreparedStatement ps = lock.prepareStatement(
                    "INSERT INTO case_lead (case_id, unit_code, updated_at) VALUES (?, 'HELD-BY-TEST', now())")) {
                ps.setString(1, slow);
                ps.executeUpdate();
            }
            KafkaProbe.sendAll(TestInfrastructure.kafkaBootstrap(), cases.stream().map(this::dispatched).toList());

            // the 39 others are applied while the slow record waits: split, not retried whole
            await().atMost(Duration.ofSeconds(40)).until(() -> cases.stream().filter(c -> !c.equals(slow))
                    .allMatch(c -> leads.leadOf(c).isPresent()));
            assertEquals(Optional.empty(), leads.leadOf(slow));
            given().get("/q/health/ready").then().statusCode(200);
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> leads.leadOf(slow).isPresent());
        assertEquals(Optional.of(UNIT), leads.leadOf(slow));

        // nothing lost, nothing twice, no dead letter: one processed_event row per event, the split counted
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), count(DISTINCT l.case_id) FROM processed_event p
                JOIN case_lead l ON l.case_id = 'C-SPLIT-' || ? || '-' || split_part(p.event_id, '|', 2)
                WHERE p.consumer = 'whistle-case-lead' AND p.event_id LIKE ? """)) {
            ps.setString(1, run);
            ps.setString(2, "split-" + run + "|%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(40, rs.getInt(1));
                assertEquals(40, rs.getInt(2));
            }
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*jiesu_consumer_batch_splits_total\\{consumer=\"whistle-case-lead\"[^}]*} [1-9].*"));
        try (KafkaProbe dlq = KafkaProbe.follow(TestInfrastructure.kafkaBootstrap(), "case\\.dispatch\\.dlq")) {
            assertTrue(dlq.collect(r -> r.key() != null && r.key().startsWith("C-SPLIT-" + run), Duration.ofSeconds(6))
                    .isEmpty(), "no record of this run was dead-lettered");
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private ProducerRecord<String, String> dispatched(String caseId) {
        Instant now = Instant.now();
        String eventId = "split-" + caseId.substring("C-SPLIT-".length(), "C-SPLIT-".length() + 8) + "|"
                + caseId.substring(caseId.lastIndexOf('-') + 1);
        return KafkaProbe.cloudEvent(Topics.CASE_DISPATCH, caseId, EventCatalog.CASE_DISPATCHED.type(), eventId, now,
                new CaseDispatched(caseId, UNIT, Enums.DispatchMode.DIRECT, "territorial-default", "属地", now, now,
                        now, now, Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "HEATING", "110101", UNIT));
    }
}
