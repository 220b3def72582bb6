package io.jiesu.platform.timer;

import java.util.Map;

/**
 * Fires the due timers of one group. A CDI bean implementing this is found by {@link TimerPoller}. {@link #fire}
 * runs inside the poller's transaction: its state changes and outbox rows commit together with the timer's FIRED
 * mark, or not at all (then the timer is retried with back-off). It must not block on rows other transactions hold
 * for long; throw instead and it is retried.
 */
public interface TimerHandler {
    /**
     * The lock hint a handler uses to lock the row its timer is about ({@code em.find(…, PESSIMISTIC_WRITE, NO_WAIT)}):
     * NOWAIT. The poller's claim holds the timer rows of other subjects, and a transaction holding this subject may be
     * waiting for one of them (a sign-for reading its order's timer) — waiting here would deadlock; failing at once
     * retries the timer shortly.
     */
    Map<String, Object> NO_WAIT = Map.of("jakarta.persistence.lock.timeout", 0);

    /** The {@code timer_group} this handler fires. */
    String group();

    void fire(DueTimer timer) throws Exception;

    /**
     * The timer failed its last attempt and is now FAILED. Called once, in a transaction of its own after the FAILED
     * mark committed (a failure here is logged and leaves the mark). A handler whose one row stands for several
     * steps (dispatch's deadline steps) puts the steps after the failed one back on the clock here: one step that
     * cannot fire must not take the order's later deadlines with it. Default: nothing.
     */
    default void gaveUp(DueTimer timer) {
    }
}
