package io.jiesu.intake.appeal;

import io.jiesu.contract.Topics;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an appeal costs the database (issue 19): statements and transactions of one REST appeal, of a group of
 * concurrent REST appeals (group commit) and of a poll of telephony calls, counted by {@link StatementLog}; and the answer a new appeal gets from memory is exactly the case as
 * stored. Timing is printed, never asserted.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class AppealCostTest {
    /** The repeat probe, the case, its outbox row, the caller's counters, its timeline lines. */
    static final int STATEMENTS_PER_NEW_APPEAL = 5;

    private static List<String> measure(String label, Supplier<String> appeal, int status) {
        Appeals.post(appeal.get()).then().statusCode(status == 200 ? 201 : status); // warm: first-use paths, caches
        String body = appeal.get();
        if (status == 200) {
            Appeals.post(body).then().statusCode(201);
        }
        StatementLog.start();
        Appeals.post(body).then().statusCode(status);
        List<String> statements = StatementLog.stop();
        print(label, statements);
        return statements;
    }

    private static void print(String label, List<String> statements) {
        System.out.printf("%n=== %s: %d statements, %d transactions%n", label, statements.size(),
                StatementLog.transactions());
        statements.forEach(s -> System.out.println("  " + (s.length() > 200 ? s.substring(0, 200) + "…" : s)));
    }

    static String classified(String appeal) {
        return appeal.replaceAll("\"categoryCode\": \"HEATING\",\\s*", "").replaceAll("\"urgency\": \"URGENT\",\\s*", "");
    }

    @Test
    void aNewAppealCostsFiveStatementsAndOneCommit() {
        List<String> given = measure("new appeal, category and urgency given", Appeals::unique, 201);
        assertEquals(STATEMENTS_PER_NEW_APPEAL, given.size(), String.join("\n", given));
        assertEquals(1, StatementLog.transactions());
        List<String> classified = measure("new appeal, classified", () -> classified(Appeals.unique()), 201);
        assertEquals(STATEMENTS_PER_NEW_APPEAL, classified.size(), String.join("\n", classified));
        measure("retry", Appeals::unique, 200);
    }

    @Inject
    AppealCommitter committer;

    /** Group commit (issue 19): N concurrent REST appeals are one transaction, each at most a new appeal's statements. */
    @Test
    void aGroupOfConcurrentAppealsCostsOneCommit() throws Exception {
        int n = 16;
        Appeals.post(Appeals.unique()).then().statusCode(201); // warm
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(Appeals.unique());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<io.restassured.response.Response> answers;
        List<String> statements;
        try {
            // held until all n wait, then stored as one group; counted from the moment they are let go
            answers = GroupCommitIntakeTest.asOneGroup(committer, pool, bodies, StatementLog::start);
            statements = StatementLog.stop();
        } finally {
            pool.shutdownNow();
        }
        answers.forEach(a -> assertEquals(201, a.statusCode(), a.asString()));
        print("a group of " + n + " concurrent appeals", statements);
        System.out.printf("=== a group of %d: %.2f statements and %.3f commits per appeal%n", n,
                statements.size() / (double) n, StatementLog.transactions() / (double) n);
        assertEquals(1, StatementLog.transactions(), "one commit for the group");
        assertTrue(statements.size() <= n * STATEMENTS_PER_NEW_APPEAL, statements.size() + " statements");
    }

    /** Concurrent clients without any hold: how many appeals a commit carries as they come (printed, not asserted). */
    @Test
    void concurrentAppealsShareCommitsAsTheyCome() throws Exception {
        int clients = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            StatementLog.start();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        Appeals.post(Appeals.unique()).then().statusCode(201);
                    }
                    return each;
                }));
            }
            int appeals = 0;
            for (var d : done) {
                appeals += d.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
            List<String> statements = StatementLog.stop();
            int commits = StatementLog.transactions();
            System.out.printf("%n=== %d appeals from %d concurrent clients: %d commits (%.1f appeals a commit), %.2f "
                    + "statements an appeal, %.2f ms per appeal, %.2f ms CPU of this JVM per appeal%n", appeals, clients,
                    commits, appeals / (double) commits, statements.size() / (double) appeals,
                    (System.nanoTime() - start) / 1e6 / appeals, (os.getProcessCpuTime() - cpu) / 1e6 / appeals);
            assertTrue(commits <= appeals, commits + " commits");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPollOfTelephonyCallsCostsFiveStatementsACallAndOneCommit() throws Exception {
        int n = 50;
        List<ProducerRecord<String, String>> calls = new ArrayList<>();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < n; i++) {
            String id = "CTI-S-" + UUID.randomUUID();
            ids.add(id);
            ProducerRecord<String, String> call = new ProducerRecord<>(Topics.TELEPHONY_CALLS, id,
                    TelephonyCallsTest.call(id, Appeals.randomPhone()));
            TelephonyCallsTest.ceHeaders().forEach((k, v) -> call.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            calls.add(call);
        }
        Appeals.post(classified(Appeals.unique())).then().statusCode(201); // rules and words in memory, as at a peak
        try (KafkaProbe intake = KafkaProbe.follow("case\\.intake")) {
            StatementLog.start();
            KafkaProbe.sendAll(TestInfrastructure.kafkaBootstrap(), calls);
            int seen = intake.collect(r -> ids.stream().anyMatch(r.value()::contains), Duration.ofSeconds(15)).size();
            List<String> statements = StatementLog.stop();
            print(n + " telephony calls", statements);
            assertEquals(n, seen);
            // one poll or a few; each pays its statement time limit once
            assertTrue(statements.size() <= n * STATEMENTS_PER_NEW_APPEAL + StatementLog.transactions(),
                    statements.size() + " statements");
        }
    }

    /** The 201 answer, built from memory, is the case as a read gives it — for every kind of outcome. */
    @Test
    void theAnswerOfANewAppealIsTheStoredCase() {
        String phone = Appeals.randomPhone();
        String same = Appeals.unique().replaceFirst("139\\d{8}", phone);
        List<String> appeals = List.of(
                Appeals.unique(),
                classified(Appeals.unique()),
                Appeals.unique().replaceFirst("\"receivedAt\": \"[^\"]+\"",
                        "\"receivedAt\": \"" + Instant.now().minusSeconds(90).toString().replaceFirst("\\.\\d+Z$", "")
                                + ".123456789Z\"")
                        .replace("39.9106", "39.91061234567891").replace("116.4035", "116.40351234567891"),
                Appeals.unique().replace("\"anonymous\": false", "\"anonymous\": true"),
                Appeals.unique().replace("\"confidential\": false", "\"confidential\": true"),
                Appeals.unique().replace("室温只有14度", "闻到煤气味，室温只有14度").replace("\"urgency\": \"URGENT\"",
                        "\"urgency\": \"NORMAL\""),
                Appeals.unique().replaceFirst("\"districtCode\": \"110101\",\\s*\"streetCode\": \"110101001\",", "")
                        .replace("东城区南池子大街", "某小区"),
                classified(Appeals.unique()).replace("\"COMPLAINT\"", "\"CONSULTATION\"")
                        .replace("家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。", "请问社保卡丢了，应该怎么补办？"),
                // the same caller again and again: a repeat of the first, then flagged with the same content
                same, same.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\""),
                same.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\""),
                same.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\""));
        Set<String> statuses = new java.util.TreeSet<>();
        Set<String> kinds = new java.util.TreeSet<>();
        for (String appeal : appeals) {
            Map<String, Object> answered = Appeals.post(appeal).then().statusCode(201).extract().jsonPath().getMap("");
            Map<String, Object> stored = given().header("Authorization", TestTokens.bearer("operator"))
                    .get("/api/v1/cases/" + answered.get("caseId")).then().statusCode(200).extract().jsonPath()
                    .getMap("");
            assertEquals(stored, answered, appeal);
            statuses.add((String) answered.get("status"));
            ((List<?>) answered.get("timeline")).forEach(t -> kinds.add((String) ((Map<?, ?>) t).get("kind")));
        }
        assertEquals(Set.of("ANSWERED_DIRECTLY", "LINKED", "RECEIVED"), statuses);
        assertTrue(kinds.containsAll(Set.of("RECEIVED", "LINKED", "RISK_FLAGGED", "LOCATION_TO_CONFIRM",
                "ANSWERED_DIRECTLY", "CALLER_FLAGGED")), kinds.toString());
    }

    @Test
    void timeOfSequentialAppeals() {
        for (int i = 0; i < 100; i++) {
            Appeals.post(Appeals.unique()).then().statusCode(201);
        }
        int n = 500;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Appeals.post(Appeals.unique()).then().statusCode(201);
        }
        // the test's client and the service share this JVM: its CPU per appeal includes both ends of the HTTP call
        System.out.printf("%n=== %d sequential appeals: %.2f ms per appeal, %.2f ms CPU of this JVM per appeal%n", n,
                (System.nanoTime() - start) / 1e6 / n, (os.getProcessCpuTime() - cpu) / 1e6 / n);
    }
}
