package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CallerFlagged;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spike detection and risk early warning: each rule fires once, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class InsightsTest {
    static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return Json.mapper().readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Predicate<ConsumerRecord<String, String>> risk(String valueContains) {
        return r -> KafkaProbe.ofType(EventCatalog.RISK_ALERT.type()).test(r) && r.value().contains(valueContains);
    }

    @Test
    void aSpikeAboveTheTrailingBaselineRaisesOneHotspot() {
        String ft = "110106";
        String st = "110106001"; // 右安门街道
        // baseline 2025-06-01..14: one case on 7 of the 14 days → mean 0.5, population stddev 0.5
        for (int d = 1; d <= 13; d += 2) {
            Events.receive("SP-B" + d, bj(String.format("2025-06-%02dT10:00", d)), "WATER_OUTAGE", ft, st);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/daily?from=2025-06-01&to=2025-06-14&streetCode=" + st).then()
                .body("count.sum()", equalTo(7)));
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            // 2025-06-15: six cases, an hour apart; threshold: count >= 5 and count > 0.5 + 3 * max(0.5, 1) = 3.5
            for (int h = 8; h < 14; h++) {
                Events.receive("SP-D" + h, bj(String.format("2025-06-15T%02d:00", h)), "WATER_OUTAGE", ft, st);
            }
            Predicate<ConsumerRecord<String, String>> hs = r -> KafkaProbe.ofType(EventCatalog.HOTSPOT_DETECTED.type())
                    .test(r) && r.value().contains(st);
            ConsumerRecord<String, String> one = probe.awaitOne(hs, Duration.ofSeconds(60));
            JsonNode h = data(one);
            assertEquals("HS-WATER_OUTAGE-110106001-2025-06-15", h.get("insightId").asText());
            assertEquals(5, h.get("count").asInt());
            assertEquals(0.5, h.get("baselineMean").asDouble(), 1e-9);
            assertEquals(0.5, h.get("baselineStdDev").asDouble(), 1e-9);
            assertEquals("2025-06-15", h.get("day").asText());
            assertEquals(ft, h.get("districtCode").asText());
            assertEquals(1, probe.collect(hs, Duration.ofSeconds(4)).size(), "once per hotspot");
        }
        analyst().get("/api/v1/hotspots/detected?from=2025-06-01&to=2025-06-30").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].count", equalTo(5))
                .body("items[0].streetName", equalTo("右安门街道"));
    }

    @Test
    void collectiveComplaintsRaiseOneAlertWithTheCaseIds() {
        String hd = "110108";
        String st = "110108001";
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            String[] times = {"09:00", "09:20", "09:40", "10:00", "10:20"};
            for (int i = 0; i < times.length; i++) {
                Events.receive("CC" + i, bj("2025-07-10T" + times[i]), "PROPERTY_FEE", hd, st);
            }
            // a consultation and another street do not count
            Events.receive("CC-Q", bj("2025-07-10T10:25"), "PROPERTY_FEE", hd, st, Enums.AppealType.CONSULTATION,
                    Enums.Channel.PHONE, "物业费标准是多少");
            ConsumerRecord<String, String> alert = probe.awaitOne(risk("COLLECTIVE_COMPLAINT"), Duration.ofSeconds(60));
            JsonNode a = data(alert);
            assertEquals(List.of("CC0", "CC1", "CC2", "CC3", "CC4"),
                    Json.mapper().convertValue(a.get("caseIds"), List.class));
            assertEquals(st, a.get("streetCode").asText());
            assertEquals("PROPERTY_FEE", a.get("categoryCode").asText());
            // a sixth appeal within the same window: no second alert
            Events.receive("CC5", bj("2025-07-10T10:40"), "PROPERTY_FEE", hd, st);
            assertEquals(1, probe.collect(risk("COLLECTIVE_COMPLAINT"), Duration.ofSeconds(5)).size());
        }
        analyst().get("/api/v1/risk-alerts?kind=COLLECTIVE_COMPLAINT&status=OPEN").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].caseIds", contains("CC0", "CC1", "CC2", "CC3", "CC4"));
    }

    @Test
    void intakesRiskWordsRaiseOneDangerousKeywordAlertPerAppeal() {
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            // the content is not analytics' to scan any more: intake's risk words decide (one rule, one place)
            Events.receive("KW1", bj("2025-07-20T09:00"), "PROPERTY_MANAGEMENT", "110108", "110108003",
                    Enums.AppealType.COMPLAINT, Enums.Channel.PHONE, "物业长期不管，再不解决我就跳楼");
            RiskFlagged flagged = new RiskFlagged("KW1", "KW1", "110108", "110108003", "PROPERTY_MANAGEMENT",
                    Enums.AppealType.COMPLAINT, List.of(new RiskFlagged.RiskWordMatch("跳楼", "SELF_HARM")),
                    bj("2025-07-20T09:00"), bj("2025-07-20T09:00"));
            // an upstream retry of the same flag with a new ce_id
            Events.send(EventCatalog.RISK_FLAGGED, "KW1", bj("2025-07-20T09:00"), flagged);
            Events.send(EventCatalog.RISK_FLAGGED, "KW1", bj("2025-07-20T09:00"), flagged);
            JsonNode a = data(probe.awaitOne(risk("KW1"), Duration.ofSeconds(60)));
            assertEquals("DANGEROUS_KEYWORD", a.get("kind").asText());
            assertEquals("KW1", a.get("caseIds").get(0).asText());
            assertEquals("110108003", a.get("streetCode").asText());
            assertTrue(a.get("evidence").asText().contains("跳楼"));
            assertFalse(a.get("evidence").asText().contains("物业长期不管"));
            assertEquals(1, probe.collect(risk("KW1"), Duration.ofSeconds(4)).size());
            // a content with a word but no flag from intake raises nothing
            Events.receive("KW2", bj("2025-07-20T09:05"), "PROPERTY_MANAGEMENT", "110108", "110108003",
                    Enums.AppealType.COMPLAINT, Enums.Channel.PHONE, "我就跳楼");
            assertEquals(0, probe.collect(risk("KW2"), Duration.ofSeconds(3)).size());
        }
    }

    @Test
    void aFlaggedCallerDissatisfiedTwiceRaisesOneAlert() {
        String st = "110108004";
        for (String id : List.of("RD1", "RD2", "RD3")) {
            Events.receive(id, bj("2025-07-25T09:00"), "ELEVATOR", "110108", st);
        }
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            Events.send(EventCatalog.CALLER_FLAGGED, "hash-rd-0123456789abcdef", bj("2025-07-25T12:00"), new CallerFlagged("hash-rd-0123456789abcdef",
                    11, 1440, bj("2025-07-25T12:00"), List.of("RD1", "RD2", "RD3"), "max-appeals-per-day"));
            Events.visit("RD1", bj("2025-07-28T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            Events.visit("RD2", bj("2025-07-28T09:10"), Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED);
            Events.visit("RD3", bj("2025-07-28T09:20"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            // the probe reads the topic from the start: only this test's alerts (other tests raise this kind too)
            Predicate<ConsumerRecord<String, String>> mine = r -> risk("REPEATED_DISSATISFACTION").test(r)
                    && r.value().contains("\"RD1\"");
            JsonNode a = data(probe.awaitOne(mine, Duration.ofSeconds(60)));
            assertEquals(List.of("RD1", "RD3"), Json.mapper().convertValue(a.get("caseIds"), List.class));
            assertFalse(a.get("evidence").asText().contains("hash-rd-0123456789abcdef"), "the hash is shortened in the evidence");
            Events.visit("RD2", bj("2025-07-29T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            assertEquals(1, probe.collect(mine, Duration.ofSeconds(5)).size());
        }
    }

    @Test
    void anyCallerDissatisfiedTwiceWithinTheWindowRaisesOneAlertPerCallerHash() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String caller = "a1b2c3d4" + run + "e5f6a7b8c9d0";
        String other = "f0e1d2c3" + run + "b4a59687";
        String st = "110108005";
        // different days and categories, so no collective-complaint alert gets in the way
        String c1 = "RC1-" + run, c2 = "RC2-" + run, c3 = "RC3-" + run, c4 = "RC4-" + run, c5 = "RC5-" + run;
        Events.receiveFrom(caller, c1, bj("2025-06-02T09:00"), "ELEVATOR", "110108", st);
        Events.receiveFrom(caller, c2, bj("2025-06-20T09:00"), "HEATING", "110108", st);
        Events.receiveFrom(caller, c3, bj("2025-07-01T09:00"), "NOISE", "110108", st);
        Events.receiveFrom(other, c4, bj("2025-06-03T09:00"), "ELEVATOR", "110108", st);
        Events.receive(c5, bj("2025-06-04T09:00"), "ELEVATOR", "110108", st); // anonymous or confidential: no hash
        await().atMost(Duration.ofSeconds(60)).until(() -> callerHashOf(c5) == null && caller.equals(callerHashOf(c3))
                && other.equals(callerHashOf(c4)));
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            Events.visit(c1, bj("2025-06-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            Events.visit(c2, bj("2025-06-28T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            JsonNode a = data(probe.awaitOne(risk(c1), Duration.ofSeconds(60)));
            assertEquals("REPEATED_DISSATISFACTION", a.get("kind").asText());
            assertEquals(List.of(c1, c2), Json.mapper().convertValue(a.get("caseIds"), List.class));
            assertFalse(a.get("evidence").asText().contains(caller), "the hash is shortened in the evidence");

            // a third dissatisfied case of the same caller: still that one alert; another caller dissatisfied once,
            // and a caller without a hash: none
            Events.visit(c3, bj("2025-07-08T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            Events.visit(c4, bj("2025-06-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            Events.visit(c5, bj("2025-06-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
            await().atMost(Duration.ofSeconds(60)).until(() -> "DISSATISFIED".equals(satisfactionOf(c3))
                    && "DISSATISFIED".equals(satisfactionOf(c4)) && "DISSATISFIED".equals(satisfactionOf(c5)));
            List<ConsumerRecord<String, String>> alerts = probe.collect(
                    r -> risk("REPEATED_DISSATISFACTION").test(r) && (r.value().contains(run)), Duration.ofSeconds(5));
            assertEquals(1, alerts.size(), alerts.toString());
        }
        analyst().get("/api/v1/risk-alerts?kind=REPEATED_DISSATISFACTION").then().statusCode(200)
                .body("findAll { it.caseIds.contains('" + c1 + "') }", hasSize(1))
                .body("findAll { it.caseIds.contains('" + c4 + "') || it.caseIds.contains('" + c5 + "') }",
                        hasSize(0));
        assertEquals(1L, count("SELECT count(*) FROM risk_alert WHERE dedupe_key = 'DISSATISFIED-CALLER|" + caller
                + "'"));
        assertEquals(0L, count("SELECT count(*) FROM risk_alert WHERE dedupe_key LIKE '%" + other + "%'"));

        // retention: once the cases are older than the window (90 days), their caller hashes are gone
        assertTrue(retention.purge(bj("2025-09-15T00:00")) >= 2);
        assertEquals(null, callerHashOf(c1));
        assertEquals(null, callerHashOf(c4));
        assertEquals(caller, callerHashOf(c3), "received 2025-07-01: still within the window");
    }

    @Test
    void aCallerKnownOnlyAfterTheVisitsStillCounts() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String caller = "0badcafe" + run + "1234";
        String c1 = "RL1-" + run, c2 = "RL2-" + run;
        // the return visits (case.evaluation) overtake the appeals (case.intake)
        Events.visit(c1, bj("2025-08-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
        Events.visit(c2, bj("2025-08-11T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DISSATISFIED".equals(satisfactionOf(c2))
                && "DISSATISFIED".equals(satisfactionOf(c1)));
        try (KafkaProbe probe = KafkaProbe.follow("analytics\\.insights")) {
            Events.receiveFrom(caller, c1, bj("2025-08-01T09:00"), "ELEVATOR", "110108", "110108006");
            Events.receiveFrom(caller, c2, bj("2025-08-02T09:00"), "HEATING", "110108", "110108006");
            JsonNode a = data(probe.awaitOne(risk(c1), Duration.ofSeconds(60)));
            assertEquals(List.of(c1, c2), Json.mapper().convertValue(a.get("caseIds"), List.class));
        }
    }

    @jakarta.inject.Inject
    io.jiesu.analytics.insight.CallerHashRetention retention;
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    String callerHashOf(String caseId) {
        return (String) single("SELECT caller_hash FROM case_fact WHERE case_id = ?", caseId);
    }

    String satisfactionOf(String caseId) {
        return (String) single("SELECT satisfaction FROM case_fact WHERE case_id = ?", caseId);
    }

    long count(String sql) {
        return ((Number) single(sql, null)).longValue();
    }

    Object single(String sql, String param) {
        try (var c = db.getConnection(); var ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
