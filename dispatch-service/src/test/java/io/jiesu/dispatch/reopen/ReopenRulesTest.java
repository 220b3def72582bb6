package io.jiesu.dispatch.reopen;

import io.jiesu.contract.event.CaseReopenRequested;
import io.jiesu.contract.event.Enums;
import io.jiesu.dispatch.workorder.DispatchSettings;
import io.jiesu.dispatch.workorder.WorkOrderStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 重办 as plain rules: which requests reopen, the next round, when the district is told; the limit's range. */
class ReopenRulesTest {
    @Test
    void aCompletedOrderInTheVisitedRoundIsReopenedForTheNextRound() {
        var v = ReopenRules.decide(WorkOrderStatus.COMPLETED, 1, 1, 2);
        assertTrue(v.reopen());
        assertEquals(2, v.newRound());
        assertFalse(v.escalate());
    }

    @Test
    void beyondTheRoundLimitTheDistrictIsTold() {
        assertTrue(ReopenRules.decide(WorkOrderStatus.COMPLETED, 2, 2, 2).escalate());
        assertTrue(ReopenRules.decide(WorkOrderStatus.COMPLETED, 1, 1, 1).escalate());
        assertFalse(ReopenRules.decide(WorkOrderStatus.COMPLETED, 2, 2, 3).escalate());
    }

    @Test
    void staleOrRepeatedRequestsChangeNothing() {
        // already reopened (the same visit's request again, under another ce_id)
        assertFalse(ReopenRules.decide(WorkOrderStatus.REOPENED, 2, 1, 2).reopen());
        // an earlier round's visit reaching an order completed again in a later round
        assertFalse(ReopenRules.decide(WorkOrderStatus.COMPLETED, 2, 1, 2).reopen());
        // an order not completed yet
        for (WorkOrderStatus s : WorkOrderStatus.values()) {
            assertEquals(s == WorkOrderStatus.COMPLETED, ReopenRules.decide(s, 1, 1, 2).reopen(), s.name());
        }
    }

    @Test
    void theReasonCarriesTheVisitsAnswers() {
        String r = ReopenRules.reason(new CaseReopenRequested("C-1", "V-1", 1, Enums.Resolution.UNRESOLVED,
                Enums.Satisfaction.DISSATISFIED, " 噪音仍在 ", Instant.now()));
        assertEquals("回访 of round 1: UNRESOLVED, DISSATISFIED — 噪音仍在", r);
    }

    @Test
    void theRoundLimitIsASettingWithARange() {
        assertNull(DispatchSettings.invalid("max_handling_rounds", "3"));
        assertTrue(DispatchSettings.invalid("max_handling_rounds", "0").contains("between 1 and 10"));
        assertTrue(DispatchSettings.invalid("max_handling_rounds", "two").contains("whole number"));
        assertTrue(DispatchSettings.invalid("no_such", "1").startsWith("no setting"));
    }
}
