package io.jiesu.dispatch.supervision;

import io.jiesu.dispatch.workorder.WorkOrderStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** 催办 rules, plain: which states may be urged, the interval between reminders, the message. */
class ReminderRulesTest {
    static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
    static final Duration HOUR = Duration.ofMinutes(60);

    @Test
    void theUnitCanBeUrgedWhileItHoldsTheOrderToAct() {
        for (WorkOrderStatus s : new WorkOrderStatus[] {WorkOrderStatus.DISPATCHED, WorkOrderStatus.REOPENED,
                WorkOrderStatus.SIGNED_FOR, WorkOrderStatus.CONTACTED}) {
            assertInstanceOf(ReminderRules.Allowed.class, ReminderRules.check(s, null, NOW, HOUR), s.name());
        }
    }

    @Test
    void aCompletedOrAHotlineHeldOrderCannotBeUrged() {
        for (WorkOrderStatus s : new WorkOrderStatus[] {WorkOrderStatus.COMPLETED, WorkOrderStatus.RETURN_REQUESTED,
                WorkOrderStatus.AWAITING_MANUAL_DISPATCH}) {
            assertInstanceOf(ReminderRules.NotUrgeable.class, ReminderRules.check(s, null, NOW, HOUR), s.name());
        }
        // the state is checked before the interval: a closed order is a 409 even right after a reminder
        assertInstanceOf(ReminderRules.NotUrgeable.class,
                ReminderRules.check(WorkOrderStatus.COMPLETED, NOW.minusSeconds(5), NOW, HOUR));
    }

    @Test
    void atMostOneReminderPerInterval() {
        // urged 20 min ago with a 60 min interval: the next at +40 min, Retry-After 2400 s
        var tooSoon = assertInstanceOf(ReminderRules.TooSoon.class, ReminderRules.check(WorkOrderStatus.SIGNED_FOR,
                NOW.minus(Duration.ofMinutes(20)), NOW, HOUR));
        assertEquals(NOW.plus(Duration.ofMinutes(40)), tooSoon.nextAllowedAt());
        assertEquals(2400, tooSoon.retryAfterSeconds());
        // half a second left still says "retry after 1 s", never 0
        assertEquals(1, assertInstanceOf(ReminderRules.TooSoon.class, ReminderRules.check(WorkOrderStatus.CONTACTED,
                NOW.minus(HOUR).plusMillis(500), NOW, HOUR)).retryAfterSeconds());
        // exactly one interval later it may go again; a shorter interval (the setting) applies at once
        assertInstanceOf(ReminderRules.Allowed.class,
                ReminderRules.check(WorkOrderStatus.SIGNED_FOR, NOW.minus(HOUR), NOW, HOUR));
        assertInstanceOf(ReminderRules.Allowed.class, ReminderRules.check(WorkOrderStatus.SIGNED_FOR,
                NOW.minus(Duration.ofMinutes(20)), NOW, Duration.ofMinutes(15)));
    }

    @Test
    void aReminderSaysWhatIsWanted() {
        assertNotNull(ReminderRules.invalidMessage(null));
        assertNotNull(ReminderRules.invalidMessage("  "));
        assertNotNull(ReminderRules.invalidMessage("催".repeat(ReminderRules.MAX_MESSAGE + 1)));
        assertNull(ReminderRules.invalidMessage("今日内联系诉求人并反馈进展"));
    }
}
