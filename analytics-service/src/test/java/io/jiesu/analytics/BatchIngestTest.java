package io.jiesu.analytics;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.EventType;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ObjectionDecided;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.jiesu.analytics.Events.bj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Batch ingestion (IdempotentBatchConsumer + the per-case fold): the records of each test are sent without waiting
 * for one another, so the consumer gets them in one or a few polls; whatever the split, the read model must be what
 * the events applied one by one give, each event once, and a poison record must cost only itself.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class BatchIngestTest {
    // a district and a year no other test uses: these cases must not change their figures
    static final String DC = "110119"; // 延庆区
    static final String S1 = "110119001";
    static final String S2 = "110119002";

    @Inject
    AgroalDataSource db;

    private final List<ProducerRecord<String, String>> pending = new ArrayList<>();

    @Test
    void aCaseLifeInOneBatchGivesTheRowOfTheEventsAppliedInOrder() {
        String c = "BT-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = bj("2023-06-01T09:00");
        add(EventCatalog.CASE_RECEIVED, c, t0, Events.received(c, t0, "NOISE", DC, S1, Enums.AppealType.COMPLAINT,
                Enums.Channel.PHONE, "噪声"));
        add(EventCatalog.CASE_DISPATCHED, c, t0.plusSeconds(600), dispatched(c, S1, t0.plusSeconds(600)));
        add(EventCatalog.CASE_SIGNED_FOR, c, t0.plusSeconds(1200), new WorkOrderSignedFor(c, S1, t0.plusSeconds(1200), "a", false));
        // re-dispatched after the first unit signed: the new unit's sign-for is the one that counts
        add(EventCatalog.CASE_REDISPATCHED, c, t0.plusSeconds(1800), new CaseRedispatched(c, S1, S2, t0.plusSeconds(1800),
                "非本单位职责", null, null, null));
        add(EventCatalog.CASE_SIGNED_FOR, c, t0.plusSeconds(2400), new WorkOrderSignedFor(c, S2, t0.plusSeconds(2400), "b", false));
        add(EventCatalog.CASE_SIGNED_FOR, c, t0.plusSeconds(3000), new WorkOrderSignedFor(c, S2, t0.plusSeconds(3000), "b", false));
        add(EventCatalog.CASE_COMPLETED, c, t0.plusSeconds(7200), new CaseCompleted(c, S2, t0.plusSeconds(7200),
                Enums.Outcome.RESOLVED, "ok", null, false));
        add(EventCatalog.VISIT_RECORDED, c, t0.plusSeconds(90000), new VisitRecorded(c, "V1", t0.plusSeconds(90000), false,
                null, null, null, null));
        add(EventCatalog.VISIT_RECORDED, c, t0.plusSeconds(93600), new VisitRecorded(c, "V2", t0.plusSeconds(93600), true,
                true, Enums.Resolution.PARTLY_RESOLVED, Enums.Satisfaction.BASICALLY_SATISFIED, null));
        add(EventCatalog.OBJECTION_DECIDED, c, t0.plusSeconds(100000), new ObjectionDecided("OB1", c, S2,
                Enums.ObjectionDecision.REJECTED, "r", null, t0.plusSeconds(100000)));
        flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(
                "2023-06-01T01:10:00Z|110119002|2023-06-01T01:40:00Z|2023-06-01T03:00:00Z|RESOLVED|true|PARTLY_RESOLVED|BASICALLY_SATISFIED|false",
                row("SELECT dispatched_at, unit_code, signed_at, completed_at, outcome, reached, resolution, satisfaction, "
                        + "excluded FROM case_fact WHERE case_id = '" + c + "'")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(10,
                intQuery("SELECT count(*) FROM processed_event WHERE event_id IN (" + idList() + ")")));
    }

    @Test
    void aPoisonRecordCostsOnlyItselfAndARepeatedEventCountsOnce() {
        String c = "BP-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = bj("2023-06-02T09:00");
        try (KafkaProbe probe = KafkaProbe.follow("case\\.dispatch\\.dlq")) {
            add(EventCatalog.CASE_DISPATCHED, c, t0, dispatched(c, S1, t0));
            // valid CloudEvent, but its data names no case: poison found inside the batch's transaction
            add(EventCatalog.CASE_DISPATCHED, c + "-bad", t0, dispatched("", S1, t0));
            add(EventCatalog.CASE_SIGNED_FOR, c, t0.plusSeconds(600), new WorkOrderSignedFor(c, S1, t0.plusSeconds(600), "a", false));
            // the same completion twice (one ce_id): applied once
            ProducerRecord<String, String> done = record(EventCatalog.CASE_COMPLETED, c, t0.plusSeconds(3600),
                    new CaseCompleted(c, S1, t0.plusSeconds(3600), Enums.Outcome.EXPLAINED, "ok", null, false));
            pending.add(done);
            pending.add(copy(done));
            flush();
            var dead = probe.await(r -> (c + "-bad").equals(r.key()), 1, Duration.ofSeconds(60));
            assertEquals(1, dead.size());
            assertNotNull(KafkaProbe.header(dead.get(0), "dead-letter-reason"));
            assertEquals("case.dispatch", KafkaProbe.header(dead.get(0), "dead-letter-topic"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(
                    "2023-06-02T01:00:00Z|2023-06-02T01:10:00Z|EXPLAINED",
                    row("SELECT dispatched_at, signed_at, outcome FROM case_fact WHERE case_id = '" + c + "'")));
            assertEquals(1, probe.collect(r -> (c + "-bad").equals(r.key()), Duration.ofSeconds(3)).size());
        }
        // three applied and the dead letter, marked so that a redelivered poll does not dead-letter it again
        assertEquals(4, intQuery("SELECT count(*) FROM processed_event WHERE event_id IN (" + idList() + ")"));
    }

    private static CaseDispatched dispatched(String caseId, String unit, Instant at) {
        return new CaseDispatched(caseId, unit, Enums.DispatchMode.DIRECT, "rule", "属地", at, null, null, null,
                Enums.Urgency.NORMAL, Enums.AppealType.COMPLAINT, "NOISE", DC, S1);
    }

    private <T> void add(EventType<T> type, String key, Instant time, T data) {
        pending.add(record(type, key, time, data));
    }

    private static <T> ProducerRecord<String, String> record(EventType<T> type, String key, Instant time, T data) {
        ProducerRecord<String, String> r = new ProducerRecord<>(type.topic(), key, Events.json(data));
        Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE, type.type(),
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.TIME, time.toString(), CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    private static ProducerRecord<String, String> copy(ProducerRecord<String, String> r) {
        ProducerRecord<String, String> c = new ProducerRecord<>(r.topic(), r.key(), r.value());
        r.headers().forEach(c.headers()::add);
        return c;
    }

    /** Sends the pending records back to back and waits for the broker once. */
    private void flush() {
        pending.forEach(r -> Events.producer().send(r));
        Events.producer().flush();
    }

    private String idList() {
        return pending.stream().map(r -> "'" + new String(r.headers().lastHeader(CloudEventHeaders.ID).value(),
                StandardCharsets.UTF_8) + "'").distinct().reduce((a, b) -> a + "," + b).orElseThrow();
    }

    private String row(String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                b.append(i > 1 ? "|" : "").append(v instanceof java.sql.Timestamp ts ? ts.toInstant() : v);
            }
            return b.toString();
        }
    }

    private int intQuery(String sql) {
        try {
            return Integer.parseInt(row(sql));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
