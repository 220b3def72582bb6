package io.jiesu.console.track;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's first line: at most {@code max-lookups} lookups per client address per window, in this instance's
 * memory (bounded). It only spares intake obvious floods; intake's own limits are the ones that hold across instances.
 */
@ApplicationScoped
public class ClientLimiter {
    private static final int MAX_CLIENTS = 50_000;

    private final TrackConfig config;
    private final Map<String, Deque<Instant>> lookups = new ConcurrentHashMap<>();

    ClientLimiter(TrackConfig config) {
        this.config = config;
    }

    /** Counts a lookup by this client; empty when it may go on, else how long until it may. */
    public Optional<Duration> attempt(String client, Instant now) {
        if (lookups.size() > MAX_CLIENTS) {
            lookups.clear(); // bounded: at worst everyone's count starts again
        }
        Deque<Instant> times = lookups.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            Instant since = now.minus(config.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.pollFirst();
            }
            if (times.size() >= config.maxLookups()) {
                return Optional.of(Duration.between(now, times.peekFirst().plus(config.window())));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }
}
