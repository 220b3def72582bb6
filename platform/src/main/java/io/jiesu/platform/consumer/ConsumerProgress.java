package io.jiesu.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness that means something: a consumer that is catching up is ready (its lag is a metric, not a health
 * failure); only a consumer that has been busy for {@code jiesu.consumer.stall-after} without applying anything —
 * every try failing — is DOWN, with the reason in the health data and the log. It comes back UP by itself with the
 * next batch or record that gets through. (SmallRye's own check of unacknowledged records is switched off in the
 * platform defaults: it is fatal, it closes the channel until the process restarts.)
 */
@ApplicationScoped
public class ConsumerProgress {
    private static final Logger LOG = Logger.getLogger(ConsumerProgress.class);

    private record State(Instant busySince, Instant lastProgress, String lastFailure) {
    }

    private final Map<String, State> consumers = new ConcurrentHashMap<>();
    private final Duration stallAfter;
    private final Clock clock;

    @Inject
    ConsumerProgress(@ConfigProperty(name = "jiesu.consumer.stall-after", defaultValue = "PT2M") Duration stallAfter) {
        this(stallAfter, Clock.systemUTC());
    }

    ConsumerProgress(Duration stallAfter, Clock clock) {
        this.stallAfter = stallAfter;
        this.clock = clock;
    }

    /** A poll's batch (or a record) starts being applied. */
    public void started(String consumer) {
        Instant now = clock.instant();
        // time spent idle, waiting for records, is not a stall: the clock starts with the batch
        consumers.compute(consumer, (k, s) -> s != null && s.busySince != null ? s : new State(now, now, null));
    }

    /** Something was committed: the consumer moves. */
    public void progressed(String consumer) {
        Instant now = clock.instant();
        consumers.compute(consumer, (k, s) -> new State(s == null ? null : s.busySince, now, null));
    }

    /** A try failed; the consumer is still on it. */
    public void failed(String consumer, Throwable failure) {
        consumers.compute(consumer, (k, s) -> new State(s == null ? clock.instant() : s.busySince,
                s == null ? clock.instant() : s.lastProgress, failure.toString()));
    }

    /** The poll is done (applied, duplicates skipped or dead-lettered): the consumer waits for the next one. */
    public void finished(String consumer) {
        Instant now = clock.instant();
        consumers.put(consumer, new State(null, now, null));
    }

    /** The consumers that are busy and have not moved for longer than the stall limit, with their reasons. */
    public Map<String, String> stalled() {
        Instant now = clock.instant();
        Map<String, String> out = new java.util.TreeMap<>();
        consumers.forEach((name, s) -> {
            if (s.busySince != null && s.lastProgress != null
                    && Duration.between(s.lastProgress, now).compareTo(stallAfter) > 0) {
                out.put(name, "no progress for " + Duration.between(s.lastProgress, now).toSeconds() + " s"
                        + (s.lastFailure == null ? "" : "; last failure: " + s.lastFailure));
            }
        });
        return out;
    }

    /** The readiness answer ({@link ConsumerReadiness}): UP unless a consumer is stalled. */
    public HealthCheckResponse health() {
        Map<String, String> stalled = stalled();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("jiesu-consumers").status(stalled.isEmpty());
        stalled.forEach((name, reason) -> {
            response.withData(name, reason);
            LOG.warnf("consumer %s cannot make progress: %s", name, reason);
        });
        return response.build();
    }
}
