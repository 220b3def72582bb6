package io.jiesu.analytics;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseAnsweredDirectly;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Read models and high-frequency problems on hand-computed datasets, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class ReadModelTest {
    static final String XC = "110102"; // 西城区
    static final String S1 = "110102001"; // 西长安街街道
    static final String S2 = "110102003"; // 新街口街道

    @Inject
    AgroalDataSource db;

    @Test
    void countsTimesAndRatesFromCaseEvents() throws Exception {
        Events.publishedScheme();
        Events.receive("RM1", bj("2025-03-10T09:00"), "NOISE", XC, S1, Enums.AppealType.COMPLAINT, Enums.Channel.PHONE, "夜间施工噪声");
        Events.dispatch("RM1", bj("2025-03-10T09:10"), S1, "NOISE", XC, S1);
        Events.sign("RM1", bj("2025-03-10T10:10"), S1);
        // completion v2: conditions being created (创造条件解决), which the scheme caps at 0.5; a later round is not
        // the completion that counts
        Events.completeV2("RM1", bj("2025-03-12T09:00"), S1, Enums.CompletionOutcome.CONDITIONS_BEING_CREATED, 1);
        Events.completeV2("RM1", bj("2025-03-20T09:00"), S1, Enums.CompletionOutcome.RESOLVED, 2);
        Events.visit("RM1", bj("2025-03-13T09:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED);

        Events.receive("RM2", bj("2025-03-10T10:00"), "NOISE", XC, S1, Enums.AppealType.COMPLAINT, Enums.Channel.WEB, "广场舞噪声");
        Events.dispatch("RM2", bj("2025-03-10T10:20"), S1, "NOISE", XC, S1);
        Events.sign("RM2", bj("2025-03-10T10:50"), S1);
        Events.complete("RM2", bj("2025-03-11T10:00"), S1);
        Events.visit("RM2", bj("2025-03-12T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);

        Events.receive("RM3", bj("2025-03-10T11:00"), "PARKING", XC, S2, Enums.AppealType.HELP, Enums.Channel.PHONE, "车位被占");
        Events.dispatch("RM3", bj("2025-03-10T11:30"), S2, "PARKING", XC, S2);

        Events.receive("RM4", bj("2025-03-11T08:00"), "NOISE", XC, S2, Enums.AppealType.COMPLAINT, Enums.Channel.APP, "装修噪声");
        Events.dispatch("RM4", bj("2025-03-11T08:30"), S2, "NOISE", XC, S2);
        Events.visit("RM4", bj("2025-03-12T08:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.BASICALLY_SATISFIED);

        Events.send(EventCatalog.CASE_ANSWERED_DIRECTLY, "RM5", bj("2025-03-11T09:05"), new CaseAnsweredDirectly("RM5",
                "ext-RM5", Enums.Channel.PHONE, bj("2025-03-11T09:00"), bj("2025-03-11T09:05"), "POLICY_CONSULTATION",
                new Location(XC, S1, null, null, null, null), "KB-1", "按政策办理"));

        // the same repeat-appeal event delivered twice (same ce_id) counts once
        String linkId = UUID.randomUUID().toString();
        String link = Events.json(new CaseLinked("RM2", "A-RM2-2", "ext-2", Enums.LinkReason.SAME_CALLER,
                bj("2025-03-10T18:00"), "还是很吵"));
        Events.sendWithId(linkId, "case.intake", EventCatalog.CASE_LINKED.type(), "RM2", bj("2025-03-10T18:00"), link);
        Events.sendWithId(linkId, "case.intake", EventCatalog.CASE_LINKED.type(), "RM2", bj("2025-03-10T18:00"), link);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/quality?by=category&from=2025-03-01&to=2025-03-31").then().statusCode(200)
                .body("find { it.key == 'NOISE' }.visits", equalTo(3)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/timeliness?by=category&from=2025-03-01&to=2025-03-31").then()
                .body("find { it.key == 'NOISE' }.completed", equalTo(2))
                .body("find { it.key == 'NOISE' }.signedFor", equalTo(2))
                .body("find { it.key == 'PARKING' }.dispatched", equalTo(1)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/daily?from=2025-03-01&to=2025-03-31&districtCode=" + XC).then().statusCode(200)
                .body("$", hasSize(4)));
        analyst().get("/api/v1/stats/daily?from=2025-03-01&to=2025-03-31&districtCode=" + XC).then().statusCode(200)
                .body("$", hasSize(4))
                .body("day", contains("2025-03-10", "2025-03-10", "2025-03-11", "2025-03-11"))
                .body("categoryCode", contains("NOISE", "PARKING", "NOISE", "POLICY_CONSULTATION"))
                .body("streetCode", contains(S1, S2, S2, S1))
                .body("count", contains(2, 1, 1, 1));
        analyst().get("/api/v1/stats/breakdown?by=type&from=2025-03-01&to=2025-03-31").then()
                .body("key", contains("COMPLAINT", "CONSULTATION", "HELP")).body("count", contains(3, 1, 1));
        analyst().get("/api/v1/stats/breakdown?by=channel&from=2025-03-01&to=2025-03-31").then()
                .body("key", contains("PHONE", "APP", "WEB")).body("count", contains(3, 1, 1));
        // NOISE: dispatch (10 + 20 + 30) / 3 = 20 min; sign-for (60 + 30) / 2 = 45 min; completion (2880 + 1440) / 2
        analyst().get("/api/v1/stats/timeliness?by=category&from=2025-03-01&to=2025-03-31").then()
                .body("find { it.key == 'NOISE' }.cases", equalTo(3))
                .body("find { it.key == 'NOISE' }.avgMinutesToDispatch", equalTo(20.0f))
                .body("find { it.key == 'NOISE' }.avgMinutesToSignFor", equalTo(45.0f))
                .body("find { it.key == 'NOISE' }.avgMinutesToCompletion", equalTo(2160.0f))
                .body("find { it.key == 'PARKING' }.avgMinutesToDispatch", equalTo(30.0f))
                .body("find { it.key == 'PARKING' }.avgMinutesToSignFor", nullValue())
                .body("find { it.key == 'POLICY_CONSULTATION' }.completed", equalTo(0));
        // NOISE visits with evaluation's published credits: RM1 RESOLVED+SATISFIED but completed as conditions being
        // created (cap 0.5) → 0.5 and 1; RM2 UNRESOLVED+DISSATISFIED → 0 and 0; RM4 RESOLVED+BASICALLY → 1 and 0.8
        // resolution (0.5 + 0 + 1)/3 = 0.5; satisfaction (1 + 0 + 0.8)/3 = 0.6
        analyst().get("/api/v1/stats/quality?by=category&from=2025-03-01&to=2025-03-31").then()
                .body("find { it.key == 'NOISE' }.resolutionRate", equalTo(0.5f))
                .body("find { it.key == 'NOISE' }.satisfactionRate", equalTo(0.6f));
        analyst().get("/api/v1/stats/quality?by=district&from=2025-03-01&to=2025-03-31").then()
                .body("find { it.key == '110102' }.visits", equalTo(3))
                .body("find { it.key == '110102' }.resolutionRate", equalTo(0.5f));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, intQuery(
                "SELECT same_caller_links FROM case_fact WHERE case_id = 'RM2'")));
        // no personal data in the read model: the citizen's name and phone and the content are nowhere
        assertEquals(0, intQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'case_fact' "
                + "AND column_name IN ('content', 'phone', 'name', 'address', 'citizen')"));
    }

    @Test
    void poisonGoesToTheDeadLetterTopic() {
        try (KafkaProbe probe = KafkaProbe.follow("case\\.dispatch\\.dlq")) {
            String key = "POISON-" + UUID.randomUUID();
            Events.sendWithId(UUID.randomUUID().toString(), "case.dispatch", EventCatalog.CASE_DISPATCHED.type(), key,
                    bj("2025-03-10T09:00"), "{not json");
            Events.sendWithId(UUID.randomUUID().toString(), "case.dispatch", null, key, bj("2025-03-10T09:00"), "{}");
            var dead = probe.await(r -> key.equals(r.key()), 2, Duration.ofSeconds(60));
            assertEquals(2, dead.size());
            org.junit.jupiter.api.Assertions.assertNotNull(KafkaProbe.header(dead.get(0), "dead-letter-reason"));
        }
    }

    @Test
    void hotspotsRankCategoriesWithGrowthAgainstThePreviousPeriod() {
        String cy = "110105";
        String st = "110105001";
        String[][] cases = {
                {"HEATING", "2025-05-08T09:00"}, {"HEATING", "2025-05-08T10:00"}, {"HEATING", "2025-05-10T09:00"},
                {"HEATING", "2025-05-14T09:00"}, {"HEATING", "2025-05-01T09:00"}, {"HEATING", "2025-05-07T09:00"},
                {"HEATING", "2025-05-15T09:00"}, {"HEATING", "2025-04-30T09:00"},
                {"GARBAGE_SORTING", "2025-05-09T09:00"}, {"GARBAGE_SORTING", "2025-05-11T09:00"},
                {"GARBAGE_SORTING", "2025-05-12T09:00"},
                {"ELEVATOR", "2025-05-13T09:00"}, {"ELEVATOR", "2025-05-02T09:00"}, {"ELEVATOR", "2025-05-03T09:00"},
                {"ELEVATOR", "2025-05-04T09:00"}};
        int i = 0;
        for (String[] c : cases) {
            Events.receive("HP" + (i++), bj(c[1]), c[0], cy, st);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/stats/daily?from=2025-04-30&to=2025-05-15&districtCode=" + cy).then()
                .body("count.sum()", equalTo(15)));
        // current 05-08..05-14, previous 05-01..05-07: HEATING 4 vs 2 (+100%), GARBAGE 3 vs 0 (new), ELEVATOR 1 vs 3
        analyst().get("/api/v1/hotspots?from=2025-05-08&to=2025-05-14&area=district&districtCode=" + cy).then()
                .statusCode(200)
                .body("previousFrom", equalTo("2025-05-01")).body("previousTo", equalTo("2025-05-07"))
                .body("items.categoryCode", contains("HEATING", "GARBAGE_SORTING", "ELEVATOR"))
                .body("items.count", contains(4, 3, 1))
                .body("items.previousCount", contains(2, 0, 3))
                .body("items[0].growth", equalTo(1.0f))
                .body("items[1].growth", nullValue())
                .body("items[2].growth", equalTo(-0.6667f))
                .body("items[0].areaName", equalTo("朝阳区"));
        analyst().get("/api/v1/hotspots?from=2025-05-14&to=2025-05-08").then().statusCode(400);
        analyst().get("/api/v1/hotspots?area=planet").then().statusCode(400);
        io.restassured.RestAssured.given().get("/api/v1/hotspots").then().statusCode(401);
        io.restassured.RestAssured.given().header("Authorization", io.jiesu.testing.TestTokens.bearer("unit", S1))
                .get("/api/v1/hotspots").then().statusCode(403);
    }

    int intQuery(String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
