package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiesu.contract.Json;
import io.jiesu.testing.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static io.jiesu.system.ConsoleBrowserIT.HTTP;
import static io.jiesu.system.ConsoleBrowserIT.account;
import static io.jiesu.system.ConsoleBrowserIT.await;
import static io.jiesu.system.ConsoleBrowserIT.workOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21's handling-unit desk in the browser (ConsoleBrowserIT @Order 10..29): a street/town (东华门街道) sees a
 * new order arrive live, signs for it, contacts the citizen, blows the whistle on it and completes it (a refused
 * completion first shows dispatch's reason next to the form); the summoned department (热力集团) reports in from
 * its own account and the street follows and closes the whistle; the unit's pages fit a 390 px wide phone.
 */
final class UnitDeskJourney {
    static final String STREET = "110101001"; // 东华门街道: the street/town default rule routes its NOISE appeals here
    static final String DEPARTMENT = "ENT_HEATING"; // 北京市热力集团
    static String caseId;
    static String whistleId;

    private UnitDeskJourney() {
    }

    static void aNewOrderArrivesLiveAndIsSignedContactedWhistledAndCompleted(ConsoleBrowser browser) throws Exception {
        browser.signIn("dhm", account("dhm", "unit", STREET));
        browser.waitForText(By.tagName("h1"), "本单位工单");
        browser.waitFor(By.id("unit-orders"));
        browser.js("window.__sameDocument = 'yes'");

        caseId = appeal("NOISE", "110101", STREET, "楼下饭馆的排风机每天夜里12点以后还在响，吵得睡不着");
        browser.waitFor(By.cssSelector("#unit-notices .notice-item[data-case='" + caseId + "']"));
        browser.waitFor(By.cssSelector("#unit-lists tr[data-case='" + caseId + "']"));
        assertEquals("yes", browser.js("return window.__sameDocument"), "the page was not reloaded");
        assertTrue(browser.driver.getTitle().matches("\\(\\d+\\) 本单位工单.*"), browser.driver.getTitle());
        browser.screenshot("unit-desk-live", true);

        browser.driver.findElement(By.cssSelector("#unit-lists tr[data-case='" + caseId + "'] a")).click();
        submit(browser, "form-sign");
        browser.waitForText(By.id("order-status"), "已签收");
        browser.type(By.id("contact-note"), "已电话联系诉求人，约定今晚到现场查看");
        submit(browser, "form-contact");
        browser.waitForText(By.id("order-status"), "已联系");

        // the street cannot solve it alone: it whistles, summoning the heating company
        WebElement whistle = browser.waitFor(By.id("form-whistle"));
        whistle.findElement(By.cssSelector("input[name=summonedUnitCodes][value='" + DEPARTMENT + "']")).click();
        browser.type(By.id("whistle-matter"), "饭馆排风机装在热力管线检修井上方，需热力集团到场确认");
        browser.type(By.id("whistle-reason"), "检修井产权属热力集团，街道无权处置");
        browser.type(By.id("whistle-address"), "东华门大街" + System.nanoTime() % 1000 + "号");
        submit(browser, "form-whistle");
        browser.waitForText(By.id("not-reported"), "1");
        whistleId = browser.driver.getCurrentUrl().replaceAll(".*/whistles/([^/?]+).*", "$1");
        browser.screenshot("unit-whistle-blown", true);

        // a completion dispatch refuses (partly resolved needs a reason): its reason next to the form
        browser.go("/desk/unit/orders/" + caseId);
        new Select(browser.waitFor(By.id("complete-outcome"))).selectByValue("PARTLY_RESOLVED");
        browser.type(By.id("complete-summary"), "已协调饭馆调整排风机运行时间");
        submit(browser, "form-complete");
        browser.waitFor(By.cssSelector("#form-complete .refusal"));
        browser.screenshot("unit-complete-refused", false);
        new Select(browser.waitFor(By.id("complete-outcome"))).selectByValue("RESOLVED");
        browser.type(By.id("complete-summary"), "饭馆已将排风机改为夜间22点停机，诉求人确认已不再扰民");
        submit(browser, "form-complete");
        browser.waitForText(By.id("order-status"), "已办结");
        browser.waitForText(By.id("order-outcome"), "已解决");
        browser.screenshot("unit-order-completed", true);
        await("dispatch has the order completed", () -> workOrder(caseId),
                o -> o != null && "COMPLETED".equals(o.path("order").path("status").asText()));
        browser.signOut();
    }

    static void theSummonedDepartmentReportsInAndTheStreetFollowsIt(ConsoleBrowser browser) throws Exception {
        browser.signIn("heat", account("heat", "unit", DEPARTMENT));
        browser.waitFor(By.cssSelector("#unit-whistles tr[data-whistle='" + whistleId + "'] a")).click();
        browser.type(By.id("report-person"), "热力集团东城分公司 张科长 010-65120000");
        browser.type(By.id("report-commitment"), "明早9点前到场勘查检修井，两日内给出迁移排风机的方案");
        submit(browser, "form-report");
        browser.waitFor(By.cssSelector("#summons .summons-item.reported[data-unit='" + DEPARTMENT + "']"));
        browser.signOut();

        browser.signIn("dhm", account("dhm", "unit", STREET));
        browser.waitFor(By.cssSelector("#unit-whistles tr[data-whistle='" + whistleId + "'] a")).click();
        browser.waitFor(By.cssSelector("#summons .summons-item.reported[data-unit='" + DEPARTMENT + "']"));
        browser.waitForText(By.id("not-reported"), "0");
        browser.screenshot("unit-whistle-reported-in", true);
        browser.type(By.id("close-outcome"), "热力集团确认检修井安全，排风机已移位");
        submit(browser, "form-close");
        browser.waitForText(By.id("whistle-status"), "已结束");
        browser.signOut();
    }

    static void theUnitsPagesFitAPhone(ConsoleBrowser browser) throws Exception {
        Dimension desk = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.signIn("dhm", account("dhm", "unit", STREET));
            browser.waitFor(By.cssSelector("#unit-lists tr[data-case='" + caseId + "']"));
            assertNoHorizontalScroll(browser, "the unit's list");
            browser.screenshot("unit-phone-list", true);
            browser.go("/desk/unit/orders/" + caseId);
            browser.waitFor(By.id("order-history"));
            assertNoHorizontalScroll(browser, "an order");
            browser.screenshot("unit-phone-order", true);
            browser.signOut();
        } finally {
            browser.driver.manage().window().setSize(desk);
        }
    }

    static void assertNoHorizontalScroll(ConsoleBrowser browser, String page) {
        long scroll = ((Number) browser.js("return document.documentElement.scrollWidth")).longValue();
        long client = ((Number) browser.js("return document.documentElement.clientWidth")).longValue();
        assertTrue(scroll <= client, page + " scrolls sideways at 390 px: scrollWidth " + scroll + " > " + client);
    }

    private static void submit(ConsoleBrowser browser, String formId) {
        browser.waitFor(By.id(formId)).findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** An appeal from the telephony system, as intake receives it; answers its case number. */
    static String appeal(String category, String district, String street, String content) throws Exception {
        ObjectNode a = (ObjectNode) Json.mapper().readTree(ServiceProcess.ROOT.resolve("docs/examples/appeal.json")
                .toFile());
        a.put("externalId", "CTI-UNIT-DESK-" + System.nanoTime()).put("receivedAt", Instant.now().toString())
                .put("categoryCode", category).put("urgency", "NORMAL").put("content", content);
        a.remove("attachments");
        ((ObjectNode) a.path("citizen")).put("phone", "1370000" + String.format("%04d", System.nanoTime() % 10_000));
        ((ObjectNode) a.path("location")).put("districtCode", district).put("streetCode", street)
                .put("address", "东城区东华门大街" + System.nanoTime() % 100_000 + "号");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ConsoleBrowserIT.platform.intake()
                .baseUrl() + "/api/v1/appeals")).header("Authorization", TestTokens.bearer("telephony"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(a.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, "intake answered " + r.statusCode() + ": " + r.body());
        JsonNode answer = Json.mapper().readTree(r.body());
        return answer.path("caseId").asText();
    }
}
