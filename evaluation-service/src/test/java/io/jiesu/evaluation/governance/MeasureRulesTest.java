package io.jiesu.evaluation.governance;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.jiesu.contract.event.Enums.MeasureStatus.DONE;
import static io.jiesu.contract.event.Enums.MeasureStatus.IN_PROGRESS;
import static io.jiesu.contract.event.Enums.MeasureStatus.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a measure (督办/帮扶) moves and when it is overdue. */
class MeasureRulesTest {
    @Test
    void statusesAndOverdue() {
        assertEquals(IN_PROGRESS, MeasureRules.after(OPEN, false));
        assertEquals(IN_PROGRESS, MeasureRules.after(IN_PROGRESS, false));
        assertEquals(DONE, MeasureRules.after(IN_PROGRESS, true));
        assertEquals(DONE, MeasureRules.after(OPEN, true));
        assertNull(MeasureRules.after(DONE, false));
        LocalDate due = LocalDate.of(2027, 4, 30);
        assertFalse(MeasureRules.overdue(due, OPEN, due));                 // due today: not yet
        assertTrue(MeasureRules.overdue(due, IN_PROGRESS, due.plusDays(1)));
        assertFalse(MeasureRules.overdue(due, DONE, due.plusDays(30)));    // done is never overdue
    }
}
