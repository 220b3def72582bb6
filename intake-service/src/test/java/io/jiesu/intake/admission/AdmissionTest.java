package io.jiesu.intake.admission;

import io.agroal.api.AgroalDataSource;
import io.jiesu.intake.Appeals;
import io.jiesu.intake.caller.CallerHash;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Honest overload at intake's REST appeal endpoints: over the admission budget a fast 503, one client over its share
 * a 429, both with Retry-After and a problem body — and a refused appeal leaves nothing behind (no case, no event, no
 * counter). The place is taken before the body is read (a refused body is never parsed), held until the exchange
 * ends, whatever its end, and never taken by a request without a valid token. A tiny budget: 2 appeals in flight, 1
 * per client.
 */
@QuarkusTest
@TestProfile(AdmissionTest.TinyBudget.class)
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class AdmissionTest {

    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jiesu.intake.admission.max-in-flight", "2", "jiesu.intake.admission.client-share", "0.5",
                    "jiesu.intake.admission.max-wait", "PT0.05S", "jiesu.intake.admission.retry-after", "PT2S");
        }
    }

    @Inject
    Admission admission;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    CallerHash callerHash;
    @Inject
    MeterRegistry metrics;

    private final List<String> held = new ArrayList<>();

    @AfterEach
    void giveBack() {
        held.forEach(admission.budget()::release);
        held.clear();
    }

    private void hold(String client) throws InterruptedException {
        assertEquals(AdmissionBudget.Decision.ADMITTED, admission.budget().admit(client, Duration.ZERO));
        held.add(client);
    }

    @Test
    void aFullBudgetAnswers503FastWithRetryAfterAndRecordsNothing() throws Exception {
        hold("someone-else");
        hold("another-one");
        String phone = Appeals.randomPhone();
        String body = Appeals.unique().replaceFirst("\"phone\": \"[0-9]+\"", "\"phone\": \"" + phone + "\"");
        String externalId = externalId(body);
        try (KafkaProbe probe = KafkaProbe.follow("case\\.intake")) {
            Appeals.post(Appeals.unique()).then().statusCode(503); // the first request of a fresh app warms it up
            long t0 = System.nanoTime();
            Appeals.post(body).then().statusCode(503).header("Retry-After", "2")
                    .contentType(containsString("application/problem+json"))
                    .body("status", equalTo(503)).body("detail", containsString("admission budget"))
                    .body("retryAfterSeconds", equalTo(2));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took < 3_000, "refused fast (max-wait 50 ms), took " + took + " ms");
            // Open311 shares the budget
            given().header("Authorization", TestTokens.bearer("telephony"))
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("service_code", "GARBAGE_CLEARANCE").formParam("attribute[district_code]", "110108")
                    .formParam("attribute[street_code]", "110108001")
                    .formParam("address_string", "海淀区某小区东门 " + UUID.randomUUID())
                    .formParam("description", "小区门口的垃圾三天没有清运了").formParam("phone", phone)
                    .header("Idempotency-Key", "refused-" + externalId)
                    .post("/open311/v2/requests.json").then().statusCode(503).header("Retry-After", "2");
            assertNothingLeftBehind(List.of(externalId, "OPEN311-refused-" + externalId), phone);
            assertEquals(0, probe.collect(r -> r.value().contains(externalId) || r.value().contains(phone),
                    Duration.ofSeconds(2)).size(), "no event for a refused appeal");
        }
        giveBack();
        Appeals.post(body).then().statusCode(201); // the same appeal once there is room: accepted
        assertEquals(1, count("SELECT count(*) FROM intake_case WHERE external_id = ?", externalId));
    }

    @Test
    void oneClientOverItsShareGets429WhileAnotherClientGetsIn() throws Exception {
        hold("test-telephony"); // the telephony token's subject holds its one place
        String body = Appeals.unique();
        Appeals.post(body, "telephony").then().statusCode(429).header("Retry-After", "2")
                .body("status", equalTo(429)).body("detail", containsString("share"));
        assertNothingLeftBehind(List.of(externalId(body)), null);
        Appeals.post(Appeals.unique(), "operator").then().statusCode(201);
    }

    @Test
    void concurrentAppealsOverATinyBudgetAreAcceptedOrRefusedNeverHalfDone() throws Exception {
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> bodies = new ArrayList<>();
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String body = Appeals.unique();
                bodies.add(body);
                // over a budget of 2, 1 per client: refusals (the client is the token's name, its upn: the four
                // unit codes are all the one client test-telephony)
                String bearer = TestTokens.bearer("telephony", "c" + i % 4);
                answers.add(pool.submit(() -> given().header("Authorization", bearer).contentType("application/json")
                        .body(body).post("/api/v1/appeals")));
            }
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < n; i++) {
                Response r = answers.get(i).get();
                String externalId = externalId(bodies.get(i));
                if (r.statusCode() == 201) {
                    accepted++;
                    assertEquals(1, count("SELECT count(*) FROM intake_case WHERE external_id = ?", externalId));
                } else {
                    assertTrue(r.statusCode() == 503 || r.statusCode() == 429, "201, 503 or 429: " + r.statusCode());
                    assertEquals("2", r.header("Retry-After"));
                    refused++;
                    assertNothingLeftBehind(List.of(externalId), null);
                }
            }
            System.out.printf("tiny budget: %d accepted, %d refused%n", accepted, refused);
            assertTrue(accepted >= 1, "some get in");
            assertTrue(refused >= 1, "8 concurrent requests over a budget of 2: some are refused");
        } finally {
            pool.shutdownNow();
        }
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("jiesu_intake_admission_total{outcome=\"busy\""), "refusals are counted");
        assertTrue(metrics.contains("jiesu_intake_admission_total{outcome=\"admitted\""), metrics.lines()
                .filter(l -> l.contains("admission")).toList().toString());
    }

    @Test
    void aRefusedRequestsBodyIsNeverParsed() throws Exception {
        String malformed = "{\"externalId\": \"CTI-" + UUID.randomUUID() + "\", \"channel\": ";
        hold("test-telephony"); // the telephony token's subject holds its whole share (1)
        Appeals.post(malformed, "telephony").then().statusCode(429).header("Retry-After", "2")
                .contentType(containsString("application/problem+json")).body("detail", containsString("share"));
        // Open311 with the hotline's token: a form that cannot be decoded (%zz), refused before the form is read
        open311Form("service_code=%zz", TestTokens.bearer("telephony")).then().statusCode(429)
                .header("Retry-After", "2").body("[0].code", equalTo(429));
        giveBack();
        // the same bodies once there is room: only now are they read, and found malformed
        Appeals.post(malformed, "telephony").then().statusCode(400);
        awaitNoPlaceHeld();
        open311Form("service_code=%zz", TestTokens.bearer("telephony")).then().statusCode(400)
                .body("[0].description", containsString("cannot be read"));
        awaitNoPlaceHeld();
    }

    @Test
    void everyEndOfAnExchangeGivesItsPlaceBack() throws Exception {
        awaitNoPlaceHeld();
        // a client gone mid-body: the place is taken before the body is read, and given back when the connection closes
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/appeals HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + TestTokens.bearer("telephony") + "\r\nContent-Type: application/json\r\nContent-Length: 4096"
                    + "\r\n\r\n{\"externalId\": \"CTI-").getBytes(StandardCharsets.UTF_8));
            out.flush();
            await(() -> admission.budget().heldBy("test-telephony") == 1,
                    "the place is taken while the body is still on its way");
        }
        awaitNoPlaceHeld();
        // 201, 400 (malformed), 400 (invalid), 422 (unknown codes: the resource throws), Open311 201 and 400: after
        // each, its place is back
        String body = Appeals.unique();
        Appeals.post(body).then().statusCode(201);
        awaitNoPlaceHeld();
        Appeals.post("{\"externalId\": ").then().statusCode(400);
        awaitNoPlaceHeld();
        Appeals.post(Appeals.unique().replaceFirst("\"content\": \"[^\"]*\"", "\"content\": \"\"")).then()
                .statusCode(400);
        awaitNoPlaceHeld();
        Appeals.post(Appeals.unique().replace("\"districtCode\": \"110101\"", "\"districtCode\": \"119999\""))
                .then().statusCode(422);
        awaitNoPlaceHeld();
        open311Form("service_code=NOISE&address_string=" + UUID.randomUUID() + "&description=noise",
                TestTokens.bearer("telephony")).then().statusCode(201);
        awaitNoPlaceHeld();
        open311Form("service_code=%zz", TestTokens.bearer("telephony")).then().statusCode(400);
        awaitNoPlaceHeld();
        assertEquals(0, admission.budget().heldBy("test-telephony"));
        assertTrue(given().get("/q/metrics").asString().contains("jiesu_intake_admission_in_flight 0.0"),
                "the gauge shows none in flight");
        assertEquals(1, count("SELECT count(*) FROM intake_case WHERE external_id = ?", externalId(body)));
    }

    @Test
    void aRequestWithoutAValidTokenTakesNoPlace() throws Exception {
        hold("someone-else");
        hold("another-one"); // the budget is full: a request that asked for a place would get 503
        double decisions = admissionDecisions();
        given().contentType("application/json").body(Appeals.unique()).post("/api/v1/appeals").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").contentType("application/json").body(Appeals.unique())
                .post("/api/v1/appeals").then().statusCode(401);
        Appeals.post(Appeals.unique(), "analyst").then().statusCode(403); // a token without the role
        // Open311 without token or api_key: the spec's 400, no place
        open311Form("service_code=NOISE&description=noise", null).then().statusCode(400)
                .body("[0].description", containsString("api_key"));
        assertEquals(2, admission.budget().inFlight(), "only the two held places");
        assertEquals(decisions, admissionDecisions(), "no admission was even asked for");
    }

    @Test
    void aPartnerTakesItsPlaceByItsApiKeyAndGivesItBack() throws Exception {
        io.restassured.path.json.JsonPath issued = given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("application/json").body("{\"partner\": \"admission app " + UUID.randomUUID() + "\"}")
                .post("/api/v1/admin/open311-keys").then().statusCode(201).extract().jsonPath();
        String apiKey = issued.getString("apiKey");
        String form = "api_key=" + apiKey + "&service_code=NOISE&address_string=" + UUID.randomUUID()
                + "&description=noise";
        hold("open311-key-" + issued.getLong("id")); // the partner's whole share
        open311Form(form, null).then().statusCode(429).header("Retry-After", "2").body("[0].code", equalTo(429));
        giveBack();
        open311Form(form, null).then().statusCode(201);
        await(() -> admission.budget().inFlight() == 0, "the partner's place given back");
    }

    private void assertNothingLeftBehind(List<String> externalIds, String phone) throws SQLException {
        for (String id : externalIds) {
            assertEquals(0, count("SELECT count(*) FROM intake_case WHERE external_id = ?", id), "no case for " + id);
            assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%' || ? || '%'", id),
                    "no outbox row for " + id);
        }
        if (phone != null) {
            assertEquals(0, count("SELECT count(*) FROM caller_day_count WHERE caller_hash = ?",
                    callerHash.of(phone)), "nothing counted for the caller");
        }
    }

    /** An Open311 submission of a raw form body, with a bearer token or none (null). */
    private static Response open311Form(String form, String bearer) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(form);
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return request.post("/open311/v2/requests.json");
    }

    /** Admission decisions of every outcome so far. */
    private double admissionDecisions() {
        return metrics.find("jiesu.intake.admission").counters().stream().mapToDouble(Counter::count).sum();
    }

    private void awaitNoPlaceHeld() {
        await(() -> admission.budget().inFlight() == held.size(), "no place held but the test's own");
    }

    /** Polls {@code condition} for at most 10 s (a place is given back on the event loop, after the answer). */
    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String externalId(String body) {
        return body.replaceFirst("(?s).*\"externalId\": \"([^\"]+)\".*", "$1");
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
