package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard at / in a real headless Chromium: every chart is drawn (canvas) with data points. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class DashboardBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void theDashboardDrawsEveryChartWithData() throws Exception {
        String tz = "110112"; // 通州区
        Events.receive("DB1", bj("2025-10-20T09:00"), "CHILDCARE", tz, "110112001");
        Events.receive("DB2", bj("2025-10-20T10:00"), "GARBAGE_SORTING", tz, "110112002");
        Events.receive("DB3", bj("2025-10-19T10:00"), "HEATING", "110101", "110101003",
                io.jiesu.contract.event.Enums.AppealType.COMPLAINT, io.jiesu.contract.event.Enums.Channel.WECHAT,
                "暖气不热，再不修就堵路");
        // intake's risk words flag it (jiesu.intake.risk-flagged.v1): an open DANGEROUS_KEYWORD alert to draw
        Events.send(EventCatalog.RISK_FLAGGED, "DB3", bj("2025-10-19T10:00"), new io.jiesu.contract.event.RiskFlagged(
                "DB3", "DB3", "110101", "110101003", "HEATING", io.jiesu.contract.event.Enums.AppealType.COMPLAINT,
                List.of(new io.jiesu.contract.event.RiskFlagged.RiskWordMatch("堵路", "MASS_INCIDENT")),
                bj("2025-10-19T10:00"), bj("2025-10-19T10:00")));
        Events.visit("DB1", bj("2025-10-22T09:00"), io.jiesu.contract.event.Enums.Resolution.RESOLVED,
                io.jiesu.contract.event.Enums.Satisfaction.SATISFIED);
        Events.send(EventCatalog.SCORES_PUBLISHED, "2025-10", bj("2025-11-02T09:00"), new ScoresPublished("2025-10", 1,
                "v1", bj("2025-11-02T09:00"), List.of(
                        new UnitScore("110112001", "STREET", 40, 0.98, 0.95, 0.96, 96.1, 1),
                        new UnitScore("110112002", "STREET", 35, 0.9, 0.85, 0.88, 87.3, 2),
                        new UnitScore("110101003", "STREET", 20, 0.8, 0.7, 0.75, 74.5, 3))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst().get("/api/v1/dashboard").then()
                .statusCode(200).body("rankings.period", equalTo("2025-10"))
                .body("riskAlerts.size()", greaterThan(0)).body("trend.size()", greaterThan(0))
                .body("dimensions.quality.size()", greaterThan(0)));

        // the page and ECharts come from this service (the WebJar), never from a CDN
        given().get("/").then().statusCode(200).body(containsString("/webjars/echarts/5.3.1/dist/echarts.min.js"))
                .body(org.hamcrest.Matchers.not(containsString("cdn")));
        given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200);
        given().get("/api/v1/dashboard").then().statusCode(401);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.navigate(root + "#token=" + TestTokens.token("analyst"));
            browser.waitFor("window.__dashboard && (window.__dashboard.rendered || !!window.__dashboard.error)",
                    Duration.ofSeconds(60));
            JsonNode state = browser.eval("JSON.stringify(window.__dashboard)");
            JsonNode dashboard = Json.mapper().readTree(state.asText());
            assertTrue(dashboard.get("rendered").asBoolean(), "dashboard error: " + dashboard.get("error"));
            JsonNode charts = Json.mapper().readTree(browser.eval("""
                    JSON.stringify(Array.from(document.querySelectorAll('.chart')).map(function (el) {
                      var c = echarts.getInstanceByDom(el);
                      var points = !c ? -1 : c.getOption().series.reduce(function (n, s) {
                        return n + (s.data || []).filter(function (v) { return v != null && v !== 0; }).length; }, 0);
                      var canvas = el.querySelector('canvas');
                      return { id: el.id, points: points, canvas: !!canvas && canvas.width > 0 && canvas.height > 0 };
                    }))""").asText());
            assertEquals(7, charts.size(), charts.toString());
            for (JsonNode c : charts) {
                assertTrue(c.get("canvas").asBoolean(), c + " has no drawn canvas");
                assertTrue(c.get("points").asInt() > 0, c + " has no data");
            }
            // a screenshot for people looking at a CI run: target/dashboard.png
            String png = browser.call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
            java.nio.file.Files.write(java.nio.file.Path.of("target", "dashboard.png"),
                    java.util.Base64.getDecoder().decode(png));
            String table = browser.eval("document.querySelector('#risk-table tbody').innerText").asText();
            assertTrue(table.contains("DB3"), "open risk alerts listed: " + table);
            assertFalse(browser.eval("location.hash").asText().contains("token"), "the token leaves the URL");
            String stored = browser.eval("localStorage.getItem('jiesu.analytics.token')").asText();
            assertFalse(stored.isBlank());
        }
    }
}
