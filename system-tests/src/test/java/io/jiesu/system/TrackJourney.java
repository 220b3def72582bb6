package io.jiesu.system;

import io.jiesu.contract.Json;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.testing.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A citizen follows their case on the public /track page (no account), at a phone's width: the right pair shows the
 * progress in plain Chinese, a wrong pair or an unknown case one neutral sentence and nothing else.
 */
final class TrackJourney {
    static final String MISS = "未查到与该号码匹配的诉求";

    private TrackJourney() {
    }

    /** A fresh appeal from the telephony system: its case number and the caller's phone. */
    static String[] newCase(Platform platform) throws Exception {
        String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String body = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", "CTI-TRACK-" + UUID.randomUUID())
                .replace("13800138000", phone)
                .replace("南池子大街12号院", "南池子大街" + ThreadLocalRandom.current().nextInt(100, 999) + "号院");
        HttpResponse<String> r = ConsoleBrowserIT.HTTP.send(HttpRequest.newBuilder(URI.create(
                platform.intake().baseUrl() + "/api/v1/appeals")).header("Authorization", TestTokens.bearer("telephony"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return new String[] {Json.mapper().readTree(r.body()).get("caseId").asText(), phone};
    }

    /** The unit the case went to signs for it, contacts the citizen and completes it, as its own system would. */
    static String handle(Platform platform, String caseId) throws Exception {
        String unitCode = ConsoleBrowserIT.await("the case is dispatched", () -> ConsoleBrowserIT.workOrder(caseId),
                o -> o != null && "DISPATCHED".equals(o.path("order").path("status").asText()))
                .path("order").path("unitCode").asText();
        ServiceProcess dispatch = platform.service("dispatch-service");
        String unit = TestTokens.bearer("unit", unitCode);
        String path = "/api/v1/work-orders/" + caseId;
        ConsoleBrowserIT.post(dispatch, path + "/sign", unit, "{\"caseId\": \"" + caseId + "\", \"signedBy\": \"李强\"}");
        ConsoleBrowserIT.post(dispatch, path + "/contact", unit,
                "{\"caseId\": \"" + caseId + "\", \"method\": \"PHONE\", \"note\": \"已电话联系\"}");
        ConsoleBrowserIT.post(dispatch, path + "/complete", unit, "{\"caseId\": \"" + caseId
                + "\", \"outcome\": \"RESOLVED\", \"summary\": \"已协调热力公司检修，室温已达标\"}");
        ConsoleBrowserIT.await("intake knows the case is completed", () -> ConsoleBrowserIT.get(platform.intake(),
                "/api/v1/cases/" + caseId, TestTokens.bearer("operator")),
                k -> "COMPLETED".equals(k.path("status").asText()));
        return unitCode;
    }

    static void lookUp(ConsoleBrowser browser, String caseId, String phone) {
        browser.go("/track");
        browser.type(By.id("track-case"), caseId);
        browser.type(By.id("track-phone"), phone);
        browser.driver.findElement(By.id("track-submit")).click();
    }

    static void assertNoHorizontalScroll(ConsoleBrowser browser, String page) {
        Object overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(((Number) overflow).longValue() <= 0, page + " scrolls sideways by " + overflow + " px");
    }

    static void citizenFollowsTheirCase(Platform platform, ConsoleBrowser browser) throws Exception {
        String[] kase = newCase(platform);
        String caseId = kase[0];
        String phone = kase[1];
        String unitCode = handle(platform, caseId);
        String unitName = ReferenceData.get().unit(unitCode).map(u -> u.name()).orElseThrow();

        Dimension desktop = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.go("/track");
            browser.waitForText(By.tagName("h1"), "诉求办理进度查询");
            assertNoHorizontalScroll(browser, "the empty form");
            browser.screenshot("track-form", true);

            // the right pair, typed as a citizen might: lower case, the phone with spaces
            lookUp(browser, caseId.toLowerCase(), phone.substring(0, 3) + " " + phone.substring(3, 7) + " "
                    + phone.substring(7));
            String progress = browser.text(By.id("track-progress"));
            assertTrue(progress.contains("已受理"), progress);
            assertTrue(progress.contains("已转交 " + unitName + " 办理"), progress);
            assertTrue(progress.contains("已办结：已解决，已协调热力公司检修，室温已达标"), progress);
            assertFalse(progress.contains("已回访"), progress);
            String page = browser.driver.getPageSource();
            for (String personal : new String[] {phone, "王女士", "南池子大街", "暖气不热"}) {
                assertFalse(page.contains(personal), personal + " shown back");
            }
            assertNoHorizontalScroll(browser, "the progress");
            browser.screenshot("track-progress", true);

            // a wrong phone and an unknown case: the same neutral sentence, nothing about the case
            lookUp(browser, caseId, "13000000000");
            String wrongPhone = browser.text(By.id("track-miss"));
            assertTrue(wrongPhone.contains(MISS), wrongPhone);
            String missPage = browser.text(By.tagName("main"));
            assertFalse(missPage.contains(unitName) || missPage.contains("已受理"), missPage);
            assertNoHorizontalScroll(browser, "a miss");
            browser.screenshot("track-miss", true);
            lookUp(browser, "C209901010000001", phone);
            assertEquals(wrongPhone, browser.text(By.id("track-miss")));
            assertEquals(missPage.replace(caseId, "C209901010000001"), browser.text(By.tagName("main")));

            // the form posted without its CSRF token is refused like every console form
            browser.go("/track");
            browser.js("document.querySelectorAll('form[action=\"/track\"] input[name=\"csrf-token\"]')"
                    + ".forEach(e => e.remove())");
            browser.type(By.id("track-case"), caseId);
            browser.type(By.id("track-phone"), phone);
            browser.driver.findElement(By.id("track-submit")).click();
            browser.waitForText(By.tagName("h1"), "安全校验");
            assertFalse(browser.driver.getPageSource().contains(unitName));
        } finally {
            browser.driver.manage().window().setSize(desktop);
        }
    }

    /** Intake's miss limit per case number: after five misses even the right pair is refused, in plain Chinese. */
    static void tooManyMissesAreRefused(Platform platform, ConsoleBrowser browser) throws Exception {
        String[] kase = newCase(platform);
        for (int i = 0; i < 5; i++) {
            lookUp(browser, kase[0], "1300000000" + i);
            browser.waitFor(By.id("track-miss"));
        }
        lookUp(browser, kase[0], kase[1]);
        String refused = browser.text(By.id("track-refused"));
        assertTrue(refused.contains("查询次数过多") && refused.contains("分钟后再试"), refused);
        assertTrue(browser.driver.findElements(By.id("track-progress")).isEmpty());
        browser.screenshot("track-refused", false);
    }
}
