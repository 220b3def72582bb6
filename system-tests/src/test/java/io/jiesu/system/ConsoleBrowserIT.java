package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.Json;
import io.jiesu.local.ConsoleUsers;
import io.jiesu.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser (Selenium + Debian's Chromium) in front of the five packaged services, the real
 * broker and databases: a call-taker records an appeal, a reviewer sees a return arrive live, decides it and places
 * the case from the manual queue, a return visit is recorded, an administrator changes a time limit, a unit is
 * refused another unit's order, a form without its CSRF token is refused, wrong passwords lock an account.
 * Screenshots go to system-tests/target/console-screenshots (and docs/console with -Djiesu.docs.screenshots=true).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Platform platform;
    static ServiceProcess console;
    static ConsoleBrowser browser;
    static String caseId;
    static String secondUnit;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.start();
        console = platform.startConsole();
        browser = ConsoleBrowser.open(console.baseUrl(), 1366, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static String account(String username, String role, String unit) throws Exception {
        List<String> db = console.database();
        return ConsoleUsers.createOrReset(db.get(0), db.get(1), db.get(2), username, role, unit);
    }

    @Test
    @Order(1)
    void aCallTakerRecordsAnAppealWithTheSuggestedCategoryAndReadsTheCaseNumber() throws Exception {
        browser.signIn("alice", account("alice", "operator", null));
        browser.waitForText(By.tagName("h1"), "接线受理");
        browser.type(By.id("content"), "小区楼里从早上开始停水，一直没有来水，家里有老人");
        // intake's classification answers while the content is typed; the call-taker takes its suggestion
        WebElement suggestion = browser.waitFor(By.cssSelector("#assist-result .suggestion[data-code='WATER_OUTAGE']"));
        assertEquals("紧急", browser.text(By.id("suggested-urgency")));
        suggestion.click();
        assertEquals("WATER_OUTAGE", new Select(browser.driver.findElement(By.id("categoryCode")))
                .getFirstSelectedOption().getAttribute("value"));
        new Select(browser.waitFor(By.id("districtCode"))).selectByValue("110101");
        browser.wait.until(d -> !d.findElements(By.cssSelector("#streetCode option[value='110101001']")).isEmpty());
        new Select(browser.driver.findElement(By.id("streetCode"))).selectByValue("110101001");
        browser.type(By.id("address"), "东华门大街" + System.nanoTime() % 1000 + "号");
        browser.type(By.id("name"), "王女士");
        browser.type(By.id("phone"), "1391234" + String.format("%04d", System.nanoTime() % 10_000));
        browser.waitFor(By.id("caller-result"));
        browser.screenshot("call-taker", true);
        browser.driver.findElement(By.id("submit-appeal")).click();
        caseId = browser.text(By.id("done-case-id")).trim();
        assertTrue(caseId.matches("[A-Z0-9-]+"), caseId);
        JsonNode kase = get(platform.intake(), "/api/v1/cases/" + caseId, TestTokens.bearer("operator"));
        assertEquals("WATER_OUTAGE", kase.path("categoryCode").asText());
        assertEquals("110101001", kase.path("location").path("streetCode").asText());
        browser.screenshot("call-taker-done", true);
        browser.signOut();
    }

    @Test
    @Order(2)
    void aReviewerSeesAReturnArriveLiveDecidesItAndPlacesTheCaseFromTheManualQueue() throws Exception {
        String firstUnit = await("the case is dispatched", () -> workOrder(caseId),
                o -> o != null && "DISPATCHED".equals(o.path("order").path("status").asText()))
                .path("order").path("unitCode").asText();
        browser.signIn("bob", account("bob", "reviewer", null));
        browser.waitForText(By.tagName("h1"), "派单与审核");
        browser.waitFor(By.id("returns-count"));
        browser.js("window.__sameDocument = 'yes'");

        // the unit asks to return the order from its own system; the reviewer's page learns of it by itself
        post(platform.service("dispatch-service"), "/api/v1/work-orders/" + caseId + "/return",
                TestTokens.bearer("unit", firstUnit), "{\"caseId\": \"" + caseId + "\", \"reason\": \"该地址不属于本单位职责\"}");
        WebElement request = browser.waitFor(By.cssSelector(".return-item[data-case='" + caseId + "']"));
        browser.waitFor(By.cssSelector("#live-ticker .live-item"));
        assertEquals("yes", browser.js("return window.__sameDocument"), "the page was not reloaded");
        browser.screenshot("review-return-arrived", true);

        // approved without naming a unit: the case goes to the manual queue (again without a reload)
        new Select(request.findElement(By.name("decision"))).selectByValue("APPROVED");
        request.findElement(By.name("comment")).sendKeys("同意退单，由人工改派");
        request.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement queued = browser.waitFor(By.cssSelector(".manual-item[data-case='" + caseId + "']"));
        Select unit = new Select(queued.findElement(By.name("unitCode")));
        secondUnit = unit.getOptions().stream().map(o -> o.getAttribute("value"))
                .filter(v -> !v.isEmpty() && !v.equals(firstUnit) && v.startsWith("110101")).findFirst().orElseThrow();
        unit.selectByValue(secondUnit);
        queued.findElement(By.name("comment")).sendKeys("改派属地街道");
        browser.screenshot("review-manual-queue", true);
        queued.findElement(By.cssSelector("button[type=submit]")).click();
        browser.wait.until(d -> d.findElements(By.cssSelector(".manual-item[data-case='" + caseId + "']")).isEmpty());
        await("the case is with the unit the reviewer chose", () -> workOrder(caseId),
                o -> o != null && secondUnit.equals(o.path("order").path("unitCode").asText()));
        assertEquals("yes", browser.js("return window.__sameDocument"));
        browser.signOut();
    }

    @Test
    @Order(3)
    void aReturnVisitIsRecordedForTheCompletedCase() throws Exception {
        ServiceProcess dispatch = platform.service("dispatch-service");
        String unit = TestTokens.bearer("unit", secondUnit);
        post(dispatch, "/api/v1/work-orders/" + caseId + "/sign", unit, "{\"caseId\": \"" + caseId + "\", \"signedBy\": \"张敏\"}");
        post(dispatch, "/api/v1/work-orders/" + caseId + "/contact", unit,
                "{\"caseId\": \"" + caseId + "\", \"method\": \"PHONE\", \"note\": \"已联系\"}");
        post(dispatch, "/api/v1/work-orders/" + caseId + "/complete", unit,
                "{\"caseId\": \"" + caseId + "\", \"outcome\": \"RESOLVED\", \"summary\": \"已协调恢复供水\"}");
        await("the case waits for its visit", () -> get(platform.service("evaluation-service"),
                "/api/v1/visits/queue?size=200", TestTokens.bearer("operator")),
                q -> q != null && q.path("items").findValuesAsText("caseId").contains(caseId));

        browser.signIn("carol", account("carol", "operator", null));
        browser.go("/desk/visits");
        browser.waitFor(By.cssSelector("a[href='/desk/visits/" + caseId + "']")).click();
        browser.waitFor(By.id("visit-form"));
        browser.driver.findElement(By.id("sat-basically")).click();
        browser.type(By.id("visit-comment"), "市民表示已恢复供水");
        browser.screenshot("return-visit", true);
        browser.driver.findElement(By.id("save-visit")).click();
        browser.waitForText(By.id("visit-recorded"), caseId);
        JsonNode visits = get(platform.service("evaluation-service"), "/api/v1/visits?caseId=" + caseId,
                TestTokens.bearer("reviewer"));
        assertEquals("BASICALLY_SATISFIED", visits.get(0).path("satisfaction").asText());
        browser.signOut();
    }

    @Test
    @Order(4)
    void anAdministratorChangesATimeLimitAndSeesTheNewVersion() throws Exception {
        browser.signIn("root", account("root", "admin", null));
        browser.go("/admin/time-limits");
        WebElement form = browser.waitFor(By.id("policy-consultation"));
        String before = form.findElement(By.className("policy-version")).getText();
        WebElement remind = form.findElement(By.name("completionRemindMinutes"));
        remind.clear();
        remind.sendKeys("99999");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertTrue(browser.text(By.id("refused")).contains("reminder"), "the service's reason is shown");
        form = browser.waitFor(By.id("policy-consultation"));
        remind = form.findElement(By.name("completionRemindMinutes"));
        remind.clear();
        remind.sendKeys("600");
        WebElement limit = form.findElement(By.name("completionMinutes"));
        limit.clear();
        limit.sendKeys("4200");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor(By.id("saved"));
        String after = browser.driver.findElement(By.cssSelector("#policy-consultation .policy-version")).getText();
        assertEquals(Integer.parseInt(before) + 1, Integer.parseInt(after));
        browser.screenshot("admin-time-limits", true);
        browser.signOut();
    }

    @Test
    @Order(5)
    void aUnitAccountIsRefusedAnotherUnitsOrder() throws Exception {
        String other = secondUnit.equals("110101002") ? "110101003" : "110101002";
        browser.signIn("street-other", account("street-other", "unit", other));
        browser.go("/desk/unit/orders/" + caseId);
        browser.waitForText(By.tagName("h1"), "无权访问");
        browser.screenshot("unit-refused", false);
        browser.signOut();
    }

    @Test
    @Order(6)
    void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        browser.signIn("dave", account("dave", "operator", null));
        browser.waitFor(By.id("appeal-form"));
        // the sign-out form without its token: refused with a page that says why, and the person stays signed in
        browser.js("document.querySelectorAll('form[action=\"/logout\"] input[name=\"csrf-token\"]')"
                + ".forEach(e => e.remove())");
        browser.driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        browser.waitForText(By.tagName("h1"), "安全校验");
        browser.screenshot("csrf-refused", false);
        browser.go("/desk/call");
        browser.waitForText(By.tagName("h1"), "接线受理");
        browser.signOut();
    }

    @Test
    @Order(7)
    void repeatedWrongPasswordsLockTheAccount() throws Exception {
        String password = account("erin", "operator", null);
        for (int i = 0; i < 5; i++) {
            browser.trySignIn("erin", "wrong-" + i);
            browser.waitFor(By.id("login-error"));
        }
        browser.trySignIn("erin", password);
        browser.waitFor(By.id("login-error"));
        browser.screenshot("sign-in-locked", false);
        assertTrue(browser.driver.getCurrentUrl().contains("/login"));
    }

    @Test
    @Order(8)
    void anAnalystLandsOnTheOpenRiskAlerts() throws Exception {
        browser.signIn("frank", account("frank", "analyst", null));
        browser.waitForText(By.tagName("h1"), "风险预警");
        browser.waitFor(By.id("risk-alerts"));
        browser.signOut();
    }

    // ---- issue 21, the handling unit's desk: tests @Order(10..29) here, long journeys in UnitDeskJourney -------

    @Test
    @Order(10)
    void aUnitSeesANewOrderArriveLiveSignsContactsWhistlesAndCompletesIt() throws Exception {
        UnitDeskJourney.aNewOrderArrivesLiveAndIsSignedContactedWhistledAndCompleted(browser);
    }

    @Test
    @Order(11)
    void aSummonedDepartmentReportsInFromItsOwnAccountAndTheStreetFollowsIt() throws Exception {
        UnitDeskJourney.theSummonedDepartmentReportsInAndTheStreetFollowsIt(browser);
    }

    @Test
    @Order(12)
    void theUnitsListAndOrderPagesHaveNoHorizontalScrollAt390Px() throws Exception {
        UnitDeskJourney.theUnitsPagesFitAPhone(browser);
    }

    // ---- the services, as the unit's own system and as the test's eyes ----------------------------------------

    static JsonNode workOrder(String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(platform.service("dispatch-service")
                .baseUrl() + "/api/v1/work-orders/" + id)).header("Authorization", TestTokens.bearer("reviewer"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : null;
    }

    // ---- issue 21, the district desk: tests @Order(30..39) here ---------------------------------------------------

    @Test
    @Order(30)
    void aDistrictSeesItsOverdueOrderAndSendsAReminderTheUnitGets() throws Exception {
        String overdue = DistrictLeaderJourney.anOverdueOrderOfDongcheng(platform);
        DistrictLeaderJourney.aDistrictUrgesTheStreet(browser, overdue, account("dongcheng", "district", "110101"));
        // the street sees it on its own desk: the order is marked 催办 1
        browser.signIn("dhm-urged", account("dhm-urged", "unit", "110101001"));
        String row = browser.text(By.cssSelector("tr.order-row[data-case='" + overdue + "']"));
        assertTrue(row.contains("催办 1"), row);
        browser.signOut();
    }

    static JsonNode get(ServiceProcess service, String path, String bearer) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.mapper().readTree(r.body());
    }

    // ---- issue 21, the leaders' and analysts' desks: tests @Order(40..49) here -----------------------------------

    @Test
    @Order(40)
    void aLeaderPublishesAMonthAndFollowsTheProblemListAndTheDashboard() throws Exception {
        DistrictLeaderJourney.aLeaderPublishesTheMonth(platform, browser, account("leader1", "leader", null));
    }

    @Test
    @Order(41)
    void aStreetReadsItsOwnScoreAndRankForThePublishedMonth() throws Exception {
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonNode scored = null;
        for (JsonNode s : get(platform.service("evaluation-service"), "/api/v1/scores?period=" + month
                + "&group=STREET_TOWN", TestTokens.bearer("admin"))) {
            if (s.path("cases").asInt() > 0) {
                scored = s;
                break;
            }
        }
        assertTrue(scored != null, "the month published at Order 40 scores a street");
        browser.signIn("scored-street", account("scored-street", "unit", scored.path("unitCode").asText()));
        browser.go("/desk/unit/scores?period=" + month);
        String own = browser.waitFor(By.cssSelector("#own-score dl")).getText();
        String composite = String.format(java.util.Locale.ROOT, "%.2f", scored.path("composite").asDouble());
        assertTrue(own.contains(composite), own + " vs " + scored);
        browser.screenshot("unit-scores", true);
        // straight from the scores page, right after the unit desk (its live stream and list partial) was left: the
        // CSRF token no longer changes with every page, so nothing in flight can leave this page's form stale
        browser.signOut();
    }

    static void post(ServiceProcess service, String path, String bearer, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + " answered " + r.statusCode() + ": " + r.body());
    }

    // ---- issue 21, case tracking for citizens (/track): tests @Order(50..59) here --------------------------------

    @Test
    @Order(50)
    void aCitizenFollowsTheirCaseOnAPhoneAndAWrongPairRevealsNothing() throws Exception {
        TrackJourney.citizenFollowsTheirCase(platform, browser);
    }

    @Test
    @Order(51)
    void fiveMissesOnACaseNumberRefuseEvenTheRightPairInPlainChinese() throws Exception {
        TrackJourney.tooManyMissesAreRefused(platform, browser);
    }

    interface Fetch {
        JsonNode get() throws Exception;
    }

    static JsonNode await(String what, Fetch fetch, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = fetch.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out waiting until " + what + "; last: " + last);
    }
}
