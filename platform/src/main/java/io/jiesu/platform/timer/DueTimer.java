package io.jiesu.platform.timer;

import java.time.Instant;

/**
 * A timer whose time has come, as its {@link TimerHandler} sees it.
 *
 * @param group    the handler's group, e.g. {@code dispatch.deadline}
 * @param subject  what the timer is about (usually the case id)
 * @param name     which timer of the subject, e.g. {@code NEXT} (dispatch: an order's deadline steps)
 * @param dueAt    when it was due
 * @param data     what the scheduler stored with it (free text, usually JSON), may be null
 * @param attempts failed attempts before this one
 */
public record DueTimer(long id, String group, String subject, String name, Instant dueAt, String data,
        int attempts) {
}
