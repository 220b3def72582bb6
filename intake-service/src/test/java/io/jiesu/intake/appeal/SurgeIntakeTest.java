package io.jiesu.intake.appeal;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CallerFlagged;
import io.jiesu.intake.Appeals;
import io.jiesu.intake.caller.CallerHash;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Surges (issue 18): the abusive-caller check counts on a per-caller-and-day counter upserted with the appeal, the
 * repeat look-up probes partial indexes — same flags and links as before, and a retry is never counted twice. The
 * second test is the CI smoke: a few hundred surge-shaped appeals at a low rate, all accepted, flagged and linked as
 * the rules say, none duplicated, and the last ones not slower than the first (a loose 3x ratio, not a timed test).
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class SurgeIntakeTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    CallerHash callerHash;

    @Test
    void theEleventhAppealOfACallerIsFlaggedAndARetryIsNotCountedTwice() throws Exception {
        String phone = Appeals.randomPhone();
        String hash = callerHash.of(phone);
        List<String> bodies = new ArrayList<>();
        List<String> caseIds = new ArrayList<>();
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            for (int i = 1; i <= 12; i++) {
                String body = fromCaller(Appeals.unique(), phone, i);
                bodies.add(body);
                caseIds.add(Appeals.post(body).then().statusCode(201).extract().path("caseId"));
            }
            // a retry of the 12th (same externalId): the same case, 200, and not counted again
            Appeals.post(bodies.get(11)).then().statusCode(200).body("caseId", equalTo(caseIds.get(11)));
            ConsumerRecord<String, String> flag = probe.awaitOne(r -> hash.equals(r.key())
                    && KafkaProbe.ofType(EventCatalog.CALLER_FLAGGED.type()).test(r), Duration.ofSeconds(30));
            CallerFlagged event = Json.mapper().readValue(flag.value(), CallerFlagged.class);
            assertEquals(11, event.appealCount(), "flagged with the 11th appeal of the day, as before");
            assertEquals(caseIds.subList(0, 11), event.caseIds(), "the day's cases, oldest first");
            assertTrue(event.rule().startsWith("more than 10 appeals"), event.rule());
            assertEquals(0, probe.collect(r -> hash.equals(r.key()) && r != flag
                    && KafkaProbe.ofType(EventCatalog.CALLER_FLAGGED.type()).test(r), Duration.ofSeconds(2)).size(),
                    "one flag a day");
        }
        for (int i = 0; i < 12; i++) {
            given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseIds.get(i))
                    .then().statusCode(200).body("flagged", equalTo(i >= 10));
        }
        assertEquals(12, count("SELECT appeals FROM caller_day_count WHERE caller_hash = ? AND content_hash = ''",
                hash), "12 appeals counted once each, the retry not");
        assertEquals(12, count("SELECT appeal_count FROM caller_flag WHERE caller_hash = ?", hash));
        assertEquals(12, count("SELECT count(*) FROM intake_case WHERE caller_hash = ?", hash));
    }

    @Test
    void aSurgeAboutOnePlaceAndARelentlessCallerAllAcceptedLinkedFlaggedAndNotSlowingDown() throws Exception {
        int n = 300;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String relentless = Appeals.randomPhone();
        String address = "东城区南池子大街12号院 供热站 " + run; // the place of the mass incident
        long[] nanos = new long[n];
        String[] caseIds = new String[n];
        String[] statuses = new String[n];
        String[] kinds = new String[n];
        long pace = 40_000_000L; // 25 appeals/s: a low, steady rate
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * pace;
            while (System.nanoTime() < due) {
                Thread.sleep(1);
            }
            String body;
            if (i % 5 == 0) { // one caller who repeats, first of all (20 %)
                kinds[i] = "relentless";
                body = atPlace(fromCaller(Appeals.unique(), relentless, i), address);
            } else if (i % 5 <= 3) { // many callers about one category at one place (60 %)
                kinds[i] = "surge";
                body = atPlace(fromCaller(Appeals.unique(), Appeals.randomPhone(), i), address);
            } else { // varied appeals (20 %)
                kinds[i] = "varied";
                body = Appeals.unique();
            }
            long t0 = System.nanoTime();
            Response r = Appeals.post(body);
            nanos[i] = System.nanoTime() - t0;
            assertEquals(201, r.statusCode(), () -> "appeal accepted: " + r.asString());
            caseIds[i] = r.path("caseId");
            statuses[i] = r.path("status");
        }
        List<String> flaggedCases = flaggedAmong(caseIds);
        String first = caseIds[0];
        int relentlessSoFar = 0;
        for (int i = 0; i < n; i++) {
            if (kinds[i].equals("relentless")) {
                relentlessSoFar++;
            }
            String expectedStatus = i == 0 || kinds[i].equals("varied") ? "RECEIVED" : "LINKED";
            assertEquals(expectedStatus, statuses[i], "appeal " + i + " (" + kinds[i] + ")");
            boolean expectFlag = kinds[i].equals("relentless") && relentlessSoFar > 10;
            assertEquals(expectFlag, flaggedCases.contains(caseIds[i]), "flag of appeal " + i + " (" + kinds[i] + ")");
        }
        assertEquals(n, new HashSet<>(Arrays.asList(caseIds)).size(), "one case per appeal");
        assertEquals(n - 1 - 60, count("SELECT count(*) FROM intake_case WHERE linked_case_id = ?", first),
                "every surge appeal and the caller's repeats linked to the first case");
        assertEquals(60, count("SELECT appeals FROM caller_day_count WHERE caller_hash = ? AND content_hash = ''",
                callerHash.of(relentless)));
        long firstMedian = median(Arrays.copyOfRange(nanos, 0, 50));
        long lastMedian = median(Arrays.copyOfRange(nanos, n - 50, n));
        System.out.printf("surge smoke: %d appeals, median of the first 50 %.1f ms, of the last 50 %.1f ms%n", n,
                firstMedian / 1e6, lastMedian / 1e6);
        assertTrue(lastMedian <= 3 * firstMedian, "the last 50 answered in a median of " + lastMedian / 1e6
                + " ms, the first 50 in " + firstMedian / 1e6 + " ms: cost grows with the surge");
    }

    /** The appeal from {@code phone}, with content of its own (so the identical-content rule stays out of it). */
    private static String fromCaller(String body, String phone, int i) {
        return body.replaceFirst("\"phone\": \"[0-9]+\"", "\"phone\": \"" + phone + "\"")
                .replace("请尽快处理。", "请尽快处理（来电 " + i + "）。");
    }

    private static String atPlace(String body, String address) {
        return body.replaceFirst("\"address\": \"[^\"]+\"", "\"address\": \"" + address + "\"");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private List<String> flaggedAmong(String[] caseIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT case_id FROM intake_case WHERE flagged AND case_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", caseIds));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private long count(String sql, String param) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
