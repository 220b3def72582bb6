package io.jiesu.dispatch.routing;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.routing.ResponsibilityList.Line;
import io.jiesu.dispatch.routing.RoutingRule.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching of the responsibility list on its own: plain JUnit, no database, no broker. */
class ResponsibilityListTest {
    static final ReferenceData REF = ReferenceData.get();

    static Line line(String id, String category, String district, String street, Target target, String unit) {
        return new Line(id, 1, category, district, street, target, unit, id);
    }

    static final Line TERRITORIAL = line("territorial-default", null, null, null, Target.LOCATION_STREET, null);
    static final Line WAGES = line("wage-arrears", "WAGE_ARREARS", null, null, Target.DISTRICT_BRANCH, "DEPT_HR");

    static String unit(ResponsibilityList list, String category, String district, String street) {
        return list.route(category, district, street).map(Router.Route::unitCode).orElse(null);
    }

    @Test
    void aDistrictHandledMatterGoesToTheBranchOfTheAppealsDistrictNotToTheStreet() {
        ResponsibilityList list = new ResponsibilityList(List.of(TERRITORIAL, WAGES), REF);
        assertEquals("DEPT_110105_HR", unit(list, "WAGE_ARREARS", "110105", "110105026"));
        assertEquals("DEPT_110119_HR", unit(list, "WAGE_ARREARS", "110119", "110119001"));
        assertEquals("110105026", unit(list, "NOISE", "110105", "110105026"), "属地 for the rest");
        Router.Route r = list.route("WAGE_ARREARS", "110105", "110105026").orElseThrow();
        assertEquals("wage-arrears", r.ruleId());
        assertEquals(1, r.ruleVersion());
    }

    @Test
    void aDepartmentWithoutABranchInTheDistrictTakesTheMatterItself() {
        ResponsibilityList list = new ResponsibilityList(List.of(TERRITORIAL,
                line("veterans", "VETERANS_SERVICES", null, null, Target.DISTRICT_BRANCH, "DEPT_VETERANS")), REF);
        assertEquals("DEPT_VETERANS", unit(list, "VETERANS_SERVICES", "110105", "110105026"));
    }

    @Test
    void theMostSpecificLineWinsAndTiesGoByIdWhateverTheOrderGiven() {
        List<Line> lines = new ArrayList<>(List.of(
                line("b-city", "FOOD_SAFETY", null, null, Target.UNIT, "DEPT_HEALTH"),
                WAGES,
                line("food-safety", "FOOD_SAFETY", null, null, Target.DISTRICT_BRANCH, "DEPT_MARKET"),
                line("chaoyang", null, "110105", null, Target.UNIT, "D110105"),
                line("chaoyang-food", "FOOD_SAFETY", "110105", null, Target.UNIT, "DEPT_MARKET"),
                line("etdz-food", "FOOD_SAFETY", "110115", "110115403", Target.UNIT, "DEPT_MARKET"),
                line("one-street", null, null, "110108001", Target.UNIT, "DEPT_CIVIL"),
                TERRITORIAL));
        java.util.Collections.reverse(lines);
        ResponsibilityList list = new ResponsibilityList(lines, REF);
        assertEquals("DEPT_HEALTH", unit(list, "FOOD_SAFETY", "110108", "110108002"), "b-city < food-safety by id");
        assertEquals("DEPT_MARKET", unit(list, "FOOD_SAFETY", "110105", "110105026"), "district + category (3)");
        assertEquals("D110105", unit(list, "NOISE", "110105", "110105026"), "district (2) beats 属地 (0)");
        assertEquals("DEPT_MARKET", unit(list, "FOOD_SAFETY", "110115", "110115403"), "street + category (5)");
        assertEquals("DEPT_CIVIL", unit(list, "WAGE_ARREARS", "110108", "110108001"), "street (4) beats category (1)");
    }

    @Test
    void aLineThatCannotPlaceTheCaseGivesWayAndNoLineMeansManualDispatch() {
        ResponsibilityList list = new ResponsibilityList(List.of(TERRITORIAL,
                line("gone", "NOISE", null, null, Target.UNIT, "DEPT_GONE")), REF);
        assertEquals("110101001", unit(list, "NOISE", "110101", "110101001"), "unknown unit: next line");
        assertTrue(list.route("NOISE", "110101", "999999999").isEmpty(), "unknown street: manual dispatch");
        assertTrue(new ResponsibilityList(List.of(WAGES), REF).route("NOISE", "110101", "110101001").isEmpty());
    }
}
