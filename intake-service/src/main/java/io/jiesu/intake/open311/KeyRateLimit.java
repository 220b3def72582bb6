package io.jiesu.intake.open311;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window rate limit per api key, in this instance's memory: a partner gets {@code requests} submissions per
 * {@code window}; the next is refused with the time left in the window. Per instance on purpose — the admission
 * budget already protects the database; this keeps one partner's app from crowding out the others cheaply.
 */
@Singleton
class KeyRateLimit {
    private record Window(Instant start, int count) {
    }

    private final int requests;
    private final Duration window;
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    @Inject
    KeyRateLimit(Open311Config config) {
        this(config.rateLimit().requests(), config.rateLimit().window());
    }

    KeyRateLimit(int requests, Duration window) {
        this.requests = requests;
        this.window = window;
    }

    /** Counts one submission of {@code keyId}; empty when allowed, else how long until the window ends. */
    Optional<Duration> acquire(long keyId, Instant now) {
        Window w = windows.compute(keyId, (k, old) -> old == null || !now.isBefore(old.start().plus(window))
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (w.count() <= requests) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, w.start().plus(window)));
    }
}
