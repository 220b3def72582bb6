package io.jiesu.analytics;

import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jiesu.analytics.Events.analyst;
import static io.jiesu.analytics.Events.bj;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** 七有 / 五性 report on a hand-computed dataset. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class DimensionsTest {
    @Test
    void perDistrictPer10kRatesPerDimensionAndMonthlyTrend() {
        Events.publishedScheme();
        String dc = "110101"; // 东城区, population 708,829
        String st = "110101002";
        Events.receive("DM1", bj("2025-08-03T09:00"), "CHILDCARE", dc, st);
        Events.receive("DM2", bj("2025-08-04T09:00"), "CHILDCARE", dc, st);
        Events.receive("DM3", bj("2025-08-05T09:00"), "ELDERLY_CARE", dc, st);
        Events.receive("DM4", bj("2025-08-06T09:00"), "NOISE", dc, st);
        Events.receive("DM5", bj("2025-09-05T09:00"), "CHILDCARE", dc, st);
        Events.receive("DM6", bj("2025-08-07T09:00"), "HOUSING_RENTAL", "110105", "110105002"); // 朝阳区 3,452,460
        Events.visit("DM1", bj("2025-08-10T09:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.SATISFIED);
        Events.visit("DM2", bj("2025-08-10T09:00"), Enums.Resolution.RESOLVED, Enums.Satisfaction.BASICALLY_SATISFIED);
        Events.visit("DM5", bj("2025-09-10T09:00"), Enums.Resolution.UNRESOLVED, Enums.Satisfaction.DISSATISFIED);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> analyst()
                .get("/api/v1/dimensions?from=2025-08&to=2025-09").then().statusCode(200)
                .body("quality.find { it.dimensionCode == 'CHILDCARE' }.visits", equalTo(3))
                .body("districts.find { it.districtCode == '110105' }.appeals", equalTo(1))
                .body("districts.find { it.districtCode == '110101' }.appeals", equalTo(5)));

        analyst().get("/api/v1/dimensions?from=2025-08&to=2025-09").then().statusCode(200)
                .body("dimensions", hasSize(12))
                .body("dimensions.find { it.code == 'CHILDCARE' }.name", equalTo("幼有所育"))
                .body("dimensions.find { it.code == 'DIVERSITY' }.categories", hasItems("CHILDCARE", "ELDERLY_CARE"))
                // 东城: 5 appeals → 5 × 10,000 / 708,829 = 0.0705; CHILDCARE 3 → 0.0423; DIVERSITY 3 + 1 = 4 → 0.0564
                .body("districts.find { it.districtCode == '110101' }.population", equalTo(708829))
                .body("districts.find { it.districtCode == '110101' }.appeals", equalTo(5))
                .body("districts.find { it.districtCode == '110101' }.per10k", equalTo(0.0705f))
                .body("districts.find { it.districtCode == '110101' }.dimensions.CHILDCARE.appeals", equalTo(3))
                .body("districts.find { it.districtCode == '110101' }.dimensions.CHILDCARE.per10k", equalTo(0.0423f))
                .body("districts.find { it.districtCode == '110101' }.dimensions.DIVERSITY.appeals", equalTo(4))
                .body("districts.find { it.districtCode == '110101' }.dimensions.DIVERSITY.per10k", equalTo(0.0564f))
                .body("districts.find { it.districtCode == '110101' }.dimensions.LIVEABILITY.appeals", equalTo(1))
                // 朝阳: 1 → 1 × 10,000 / 3,452,460 = 0.0029, all of it 住有所居
                .body("districts.find { it.districtCode == '110105' }.per10k", equalTo(0.0029f))
                .body("districts.find { it.districtCode == '110105' }.dimensions.HOUSING.appeals", equalTo(1))
                .body("districts.find { it.districtCode == '110119' }.appeals", equalTo(0))
                // CHILDCARE visits: resolved+satisfied, resolved+basically, unresolved+dissatisfied → 2/3 and, with
                // the published credit 0.8 for basically satisfied, (1 + 0.8 + 0)/3 = 0.6
                .body("quality.find { it.dimensionCode == 'CHILDCARE' }.resolutionRate", equalTo(0.6667f))
                .body("quality.find { it.dimensionCode == 'CHILDCARE' }.satisfactionRate", equalTo(0.6f))
                .body("quality.find { it.dimensionCode == 'ELDERLY' }", nullValue())
                .body("trend.find { it.month == '2025-08' && it.dimensionCode == 'CHILDCARE' }.appeals", equalTo(2))
                .body("trend.find { it.month == '2025-09' && it.dimensionCode == 'CHILDCARE' }.appeals", equalTo(1))
                .body("trend.find { it.month == '2025-08' && it.dimensionCode == 'HOUSING' }.appeals", equalTo(1));

        analyst().get("/api/v1/dimensions?from=2025-09&to=2025-08").then().statusCode(400);
        analyst().get("/api/v1/dimensions?from=August").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
