package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.jiesu.analytics.insight.PlaceDayCounterRetention;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static io.jiesu.analytics.Events.bj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18: the spike rule reads counters kept per street/town × category × day instead of counting the day's cases
 * for each appeal — with the same hotspots, once, whatever the surge; a redelivered or re-sent event never counts
 * twice; retention deletes old counters and old days still get the same figures.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class SurgeCountersTest {
    static final String DISTRICT = "110101";

    @Inject
    AgroalDataSource db;
    @Inject
    PlaceDayCounterRetention retention;

    static Predicate<ConsumerRecord<String, String>> hotspot(String street) {
        return r -> KafkaProbe.ofType(EventCatalog.HOTSPOT_DETECTED.type()).test(r) && r.value().contains(street);
    }

    @Test
    void aSurgeAtOnePlaceRaisesOneHotspotAtTheFifthAppealAndCountsEachAppealOnce() throws Exception {
        String st = "110101010";
        String day = "2025-11-20";
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            for (int i = 0; i < 40; i++) {
                Events.receive("SG" + i, bj(day + String.format("T08:%02d", i)), "HEATING", DISTRICT, st,
                        Enums.AppealType.CONSULTATION, Enums.Channel.PHONE, "暖气不热");
            }
            ConsumerRecord<String, String> one = probe.awaitOne(hotspot(st), Duration.ofSeconds(60));
            JsonNode h = Json.mapper().readTree(one.value());
            assertEquals("HS-HEATING-" + st + "-" + day, h.get("insightId").asText());
            assertEquals(5, h.get("count").asInt(), "raised by the 5th appeal, as by counting the case rows");
            assertEquals(0.0, h.get("baselineMean").asDouble(), 1e-9);
            awaitFacts(st, 40);
            assertEquals(1, probe.collect(hotspot(st), Duration.ofSeconds(3)).size(), "once per hotspot");
        }
        assertEquals(40, counter(st, "HEATING", day));

        // redelivery: the same event (same ce_id) again, and an upstream retry of the same appeal with a new ce_id
        CaseReceived again = Events.received("SG3", bj(day + "T08:03"), "HEATING", DISTRICT, st,
                Enums.AppealType.CONSULTATION, Enums.Channel.PHONE, "暖气不热");
        String ceId = UUID.randomUUID().toString();
        Events.sendWithId(ceId, EventCatalog.CASE_RECEIVED.topic(), EventCatalog.CASE_RECEIVED.type(), "SG3",
                again.receivedAt(), Events.json(again));
        Events.sendWithId(ceId, EventCatalog.CASE_RECEIVED.topic(), EventCatalog.CASE_RECEIVED.type(), "SG3",
                again.receivedAt(), Events.json(again));
        Events.send(EventCatalog.CASE_RECEIVED, "SG3", again.receivedAt(), again);
        // the appeal moved to another street (a corrected location): counted under its new key only
        CaseReceived moved = Events.received("SG4", bj(day + "T08:04"), "HEATING", DISTRICT, "110101012",
                Enums.AppealType.CONSULTATION, Enums.Channel.PHONE, "暖气不热");
        Events.send(EventCatalog.CASE_RECEIVED, "SG4", moved.receivedAt(), moved);
        // a later event of each case on their partitions, to know the ones before were applied
        Events.send(EventCatalog.CASE_LINKED, "SG3", Instant.now(), new CaseLinked("SG3", "SG3-R", "ext",
                Enums.LinkReason.SAME_CALLER, bj(day + "T09:00"), null));
        Events.send(EventCatalog.CASE_LINKED, "SG4", Instant.now(), new CaseLinked("SG4", "SG4-R", "ext",
                Enums.LinkReason.SAME_CALLER, bj(day + "T09:00"), null));
        await().atMost(Duration.ofSeconds(60)).until(() -> repeatLinks("SG3") == 1 && repeatLinks("SG4") == 1);
        assertEquals(39, counter(st, "HEATING", day), "the re-sent appeal is not counted again; the moved one left");
        assertEquals(1, counter("110101012", "HEATING", day));
        assertEquals(countFacts(st, "HEATING", day), counter(st, "HEATING", day), "the counter is the row count");
    }

    @Test
    void retentionDeletesOldCountersAndOldDaysStillGetTheSameHotspot() throws Exception {
        String st = "110101011";
        String day = "2016-03-01";
        for (int i = 0; i < 3; i++) {
            Events.receive("SR" + i, bj(day + String.format("T09:%02d", i)), "NOISE", DISTRICT, st,
                    Enums.AppealType.CONSULTATION, Enums.Channel.PHONE, "噪音");
        }
        awaitFacts(st, 3);
        assertEquals(3, counter(st, "NOISE", day));
        // as of 2016-05-01 (Beijing), 40 days kept: counters before 2016-03-22 go
        int deleted = retention.purge(bj("2016-05-01T12:00"));
        org.junit.jupiter.api.Assertions.assertTrue(deleted >= 1);
        assertEquals(0, counter(st, "NOISE", day));
        assertEquals("2016-03-22", horizon());
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            // late appeals of that old day: counted from the case rows, the 5th raises the hotspot as always
            for (int i = 3; i < 6; i++) {
                Events.receive("SR" + i, bj(day + String.format("T09:%02d", i)), "NOISE", DISTRICT, st,
                    Enums.AppealType.CONSULTATION, Enums.Channel.PHONE, "噪音");
            }
            JsonNode h = Json.mapper().readTree(probe.awaitOne(hotspot(st), Duration.ofSeconds(60)).value());
            assertEquals(5, h.get("count").asInt());
            assertEquals(1, probe.collect(hotspot(st), Duration.ofSeconds(3)).size());
        }
        // a second run finds nothing more to delete once the late counter is gone
        retention.purge(bj("2016-05-01T12:00"));
        assertEquals(0, retention.purge(bj("2016-05-01T12:00")));
    }

    private void awaitFacts(String street, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> queryLong(
                "SELECT count(*) FROM case_fact WHERE street_code = ?", street) == n);
    }

    private long counter(String street, String category, String day) throws Exception {
        return queryLong("SELECT COALESCE(sum(appeals), 0) FROM place_day_count WHERE street_code = ? "
                + "AND category_code = ? AND day = CAST(? AS date)", street, category, day);
    }

    private long countFacts(String street, String category, String day) throws Exception {
        return queryLong("SELECT count(*) FROM case_fact WHERE street_code = ? AND category_code = ? "
                + "AND day = CAST(? AS date)", street, category, day);
    }

    private long repeatLinks(String caseId) throws Exception {
        return queryLong("SELECT COALESCE(sum(repeat_links), 0) FROM case_fact WHERE case_id = ?", caseId);
    }

    private String horizon() throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT complete_from FROM counter_horizon WHERE name = 'place_day_count'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long queryLong(String sql, String... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
