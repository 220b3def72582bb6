package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.Json;
import io.jiesu.testing.TestTokens;
import org.openqa.selenium.By;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21's district (各区统筹) and leaders' desks in the browser, through the real services: the scenarios
 * {@link ConsoleBrowserIT} runs in its Order 30..49 range.
 */
final class DistrictLeaderJourney {
    private DistrictLeaderJourney() {
    }

    /**
     * A fresh case of 东华门街道 (110101001), dispatched to the street by the responsibility list (属地), made overdue
     * the way the deadline tests let time pass: its sign-for timers fall due now and dispatch's own poller marks it.
     */
    static String anOverdueOrderOfDongcheng(Platform platform) throws Exception {
        String body = """
                {"externalId": "CTI-DISTRICT-%s", "channel": "PHONE", "receivedAt": "%s",
                 "citizen": {"name": "李先生", "phone": "13900%06d", "anonymous": false, "confidential": false},
                 "type": "HELP", "categoryCode": "GARBAGE_CLEARANCE", "urgency": "NORMAL",
                 "location": {"districtCode": "110101", "streetCode": "110101001", "address": "东华门大街8号院"},
                 "content": "楼下垃圾桶三天没有清运，气味很大，请尽快安排清运。"}"""
                .formatted(UUID.randomUUID(), java.time.Instant.now(), (int) (System.nanoTime() % 1_000_000));
        HttpResponse<String> created = platform.intake().post("/api/v1/appeals", TestTokens.bearer("telephony"), body);
        assertEquals(201, created.statusCode(), created.body());
        String caseId = Json.mapper().readTree(created.body()).get("caseId").asText();
        ConsoleBrowserIT.await("case " + caseId + " is dispatched to the street", () -> ConsoleBrowserIT.workOrder(caseId),
                o -> o != null && "110101001".equals(o.path("order").path("unitCode").asText()));
        List<String> db = platform.service("dispatch-service").database();
        // The order's one deadline timer row is due at its next step (issue 19): time passes for it while that step is
        // one of the sign-for deadline's (reminder, then overdue mark), until the order is overdue.
        boolean[] made = {false};
        ConsoleBrowserIT.await("case " + caseId + " is overdue", () -> {
            try (Connection c = DriverManager.getConnection(db.get(0), db.get(1), db.get(2));
                 PreparedStatement s = c.prepareStatement("""
                         UPDATE durable_timer SET due_at = now() - interval '1 second'
                         WHERE timer_group = 'dispatch.deadline' AND status = 'PENDING' AND subject = ?
                           AND data LIKE 'SIGN_FOR/%' AND due_at > now()""")) {
                s.setString(1, caseId);
                made[0] |= s.executeUpdate() > 0;
            }
            return ConsoleBrowserIT.workOrder(caseId);
        }, o -> o != null && o.path("order").path("overdue").asBoolean());
        assertTrue(made[0], "no sign-for timer for " + caseId);
        return caseId;
    }

    /** The district's coordinator sees the overdue order and urges the street in one click; a second is refused. */
    static void aDistrictUrgesTheStreet(ConsoleBrowser browser, String caseId, String password) throws Exception {
        browser.signIn("dongcheng", password);
        browser.waitForText(By.tagName("h1"), "各区统筹 · 东城区");
        By row = By.cssSelector("#district-overdue tr[data-case='" + caseId + "']");
        assertTrue(browser.text(row).contains("东华门街道"), browser.text(row));
        browser.waitFor(By.id("district-units"));
        browser.screenshot("district-desk", true);
        browser.driver.findElement(By.cssSelector("#remind-" + caseId + " button")).click();
        browser.waitForText(By.cssSelector("#remind-" + caseId + " .reminded"), "已催办");
        browser.screenshot("district-reminded", true);
        // dispatch recorded it and the street's inbox got an URGE notice: the order's history says 催办
        JsonNode order = ConsoleBrowserIT.await("the reminder is in the order's history",
                () -> ConsoleBrowserIT.workOrder(caseId), o -> o != null && o.path("history").findValues("action")
                        .stream().anyMatch(a -> "URGED".equals(a.asText())));
        assertEquals(1, order.path("order").path("reminderCount").asInt(1));
        // urging again at once: dispatch's 429, shown as when the next reminder may go
        browser.go("/desk/district");
        browser.driver.findElement(By.cssSelector("#remind-" + caseId + " button")).click();
        browser.waitForText(By.cssSelector("#remind-" + caseId + " .remind-refused"), "分钟后可再次催办");
        browser.screenshot("district-remind-too-soon", false);
        browser.signOut();
    }

    /** A leader publishes the month's results from the desk; evaluation has the new revision. */
    static void aLeaderPublishesTheMonth(Platform platform, ConsoleBrowser browser, String password) throws Exception {
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        browser.signIn("leader1", password);
        browser.waitForText(By.tagName("h1"), "考评排名 · " + month);
        browser.driver.findElement(By.cssSelector("#leader-publish button[type='submit']")).click();
        String published = browser.text(By.id("leader-published"));
        assertTrue(published.contains("已发布 " + month), published);
        JsonNode list = ConsoleBrowserIT.get(platform.service("evaluation-service"),
                "/api/v1/governance-list?period=" + month, TestTokens.bearer("admin"));
        assertTrue(published.contains("第 " + list.path("revision").asInt() + " 版"), published + " vs " + list);
        browser.screenshot("leader-rankings", true);
        browser.go("/desk/leader/problems");
        browser.waitFor(By.id("topic-candidates"));
        browser.screenshot("leader-problems", true);
        browser.go("/desk/analytics/dashboard");
        browser.wait.until(d -> Boolean.TRUE.equals(browser.js("return window.__deskDashboard.rendered"))
                || browser.js("return window.__deskDashboard.error") != null);
        assertEquals(null, browser.js("return window.__deskDashboard.error"));
        browser.screenshot("leader-dashboard", true);
        browser.signOut();
    }
}
