package io.jiesu.intake.appeal;

import io.jiesu.intake.Appeals;
import io.jiesu.intake.persistence.GroupCommit;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit at {@code POST /api/v1/appeals} (issue 19), with the real broker and database: appeals held until
 * they all wait, then stored as one group ({@link AppealCommitter}); each gets the answer it would get alone.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class GroupCommitIntakeTest {
    @Inject
    AppealCommitter committer;

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Posts the bodies concurrently, one after the other into the queue (their arrival order is the list's), while the
     * groups are held; then lets them go as one group (with {@code whileHeld} run just before) and returns the answers.
     */
    static List<Response> asOneGroup(AppealCommitter committer, ExecutorService pool, List<String> bodies,
            Runnable whileHeld) throws Exception {
        List<Future<Response>> answers = new ArrayList<>();
        try (GroupCommit.Hold held = committer.groups().hold()) {
            for (String body : bodies) {
                int before = committer.groups().waiting();
                answers.add(pool.submit(() -> Appeals.post(body)));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (committer.groups().waiting() == before) {
                    assertTrue(System.nanoTime() < end, "the appeal reaches the queue");
                    Thread.sleep(2);
                }
            }
            whileHeld.run();
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    private List<Response> asOneGroup(List<String> bodies) throws Exception {
        return asOneGroup(committer, pool, bodies, () -> { });
    }

    private static String newExternalId(String body) {
        return body.replaceFirst("\"externalId\": \"[^\"]+\"", "\"externalId\": \"CTI-" + UUID.randomUUID() + "\"");
    }

    private static Map<String, Object> stored(Object caseId) {
        return given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static double failedGroups() {
        return given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("jiesu_intake_group_commit_failed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void oneBadAppealInAGroupGetsItsOwn422AndTheOthersTheir201() throws Exception {
        // a consultation answered with a knowledge entry that does not exist: only the database can tell, so it
        // fails inside the group's transaction
        String bad = AppealCostTest.classified(Appeals.unique()).replace("\"COMPLAINT\"", "\"CONSULTATION\"")
                .replaceFirst("\\{", "{\"knowledgeEntryId\": \"kb-no-such-entry\", ");
        List<String> bodies = List.of(Appeals.unique(), Appeals.unique(), bad, Appeals.unique());
        double failedBefore = failedGroups();
        List<Response> answers = asOneGroup(bodies);
        assertEquals(List.of(201, 201, 422, 201), answers.stream().map(Response::statusCode).toList(),
                answers.get(2).asString());
        assertTrue(answers.get(2).asString().contains("kb-no-such-entry"), answers.get(2).asString());
        for (int i : new int[] {0, 1, 3}) {
            Map<String, Object> answered = answers.get(i).jsonPath().getMap("");
            assertEquals(stored(answered.get("caseId")), answered, "stored alone, answered as alone");
        }
        assertEquals(failedBefore + 1, failedGroups(), "the group failed once and was taken apart");
    }

    @Test
    void aRetryInTheSameGroupGetsTheSameCaseOnce() throws Exception {
        String body = Appeals.unique();
        StatementLog.start();
        List<Response> answers;
        try {
            answers = asOneGroup(List.of(body, Appeals.unique(), body));
        } finally {
            StatementLog.stop();
        }
        assertEquals(List.of(201, 201, 200), answers.stream().map(Response::statusCode).toList());
        assertEquals(1, StatementLog.transactions(), "one transaction for the group: nothing failed");
        Map<String, Object> first = answers.get(0).jsonPath().getMap("");
        assertEquals(first.get("caseId"), answers.get(2).jsonPath().getString("caseId"));
        assertEquals(stored(first.get("caseId")), answers.get(2).jsonPath().getMap(""), "the retry reads it back");
        List<?> cases = given().header("Authorization", TestTokens.bearer("operator"))
                .get("/api/v1/cases?phone=" + ((Map<?, ?>) first.get("citizen")).get("phone"))
                .then().statusCode(200).extract().jsonPath().getList("caseId");
        assertEquals(List.of(first.get("caseId")), cases, "one case for the caller (its phone is the test's own)");
    }

    /**
     * The same caller four times with the same content in one group: the later appeals are linked to the first (the
     * group's transaction sees its insert) and flagged from the third on (its counters count them) — exactly what the
     * same appeals one after the other get.
     */
    @Test
    void repeatsAndCountersInOneGroupAreWhatTheyAreOneByOne() throws Exception {
        List<Map<String, Object>> grouped = answersOf(sameCallerFourTimes(), true);
        List<Map<String, Object>> oneByOne = answersOf(sameCallerFourTimes(), false);
        assertEquals(shape(oneByOne), shape(grouped));
        assertEquals("RECEIVED", grouped.get(0).get("status"));
        assertNull(grouped.get(0).get("linkedCaseId"));
        for (int i = 1; i < 4; i++) {
            assertEquals("LINKED", grouped.get(i).get("status"));
            assertEquals(grouped.get(0).get("caseId"), grouped.get(i).get("linkedCaseId"));
        }
        assertEquals(List.of(false, false, true, true), grouped.stream().map(a -> a.get("flagged")).toList());
        Map<String, Object> first = stored(grouped.get(0).get("caseId"));
        assertEquals(3, ((List<?>) first.get("timeline")).stream()
                .filter(t -> "REPEAT_APPEAL".equals(((Map<?, ?>) t).get("kind"))).count(), first.toString());
    }

    private static List<String> sameCallerFourTimes() {
        String body = Appeals.unique();
        return List.of(body, newExternalId(body), newExternalId(body), newExternalId(body));
    }

    private List<Map<String, Object>> answersOf(List<String> bodies, boolean grouped) throws Exception {
        List<Response> answers = grouped ? asOneGroup(bodies) : bodies.stream().map(Appeals::post).toList();
        answers.forEach(a -> assertEquals(201, a.statusCode(), a.asString()));
        return answers.stream().map(a -> a.jsonPath().<String, Object>getMap("")).toList();
    }

    /** What an answer says, without what differs between two callers (ids, times, phones). */
    private static List<String> shape(List<Map<String, Object>> answers) {
        List<String> ids = answers.stream().map(a -> (String) a.get("caseId")).toList();
        return answers.stream().map(a -> a.get("status") + " linked to #" + ids.indexOf(a.get("linkedCaseId"))
                + " flagged " + a.get("flagged") + " " + ((List<?>) a.get("timeline")).stream()
                        .map(t -> ((Map<?, ?>) t).get("kind")).toList()).toList();
    }
}
