package io.jiesu.platform.timer;

/**
 * Fires the due timers of one group. A CDI bean implementing this is found by {@link TimerPoller}. {@link #fire}
 * runs inside the poller's transaction: its state changes and outbox rows commit together with the timer's FIRED
 * mark, or not at all (then the timer is retried with back-off). It must not block on rows other transactions hold
 * for long; throw instead and it is retried.
 */
public interface TimerHandler {
    /** The {@code timer_group} this handler fires. */
    String group();

    void fire(DueTimer timer) throws Exception;
}
