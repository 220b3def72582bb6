package io.jiesu.platform.timer;

import io.jiesu.platform.persistence.NativeSql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires due {@code durable_timer} rows, each exactly once, with any number of pollers (threads or service
 * instances) on one database: every timer is claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} in its own
 * transaction, its handler runs in that transaction and the row becomes FIRED in it. A poller that dies mid-way
 * rolls back and the timer stays PENDING for the next one; a committed timer is never seen again. A failing handler
 * is retried with back-off and after {@code jiesu.timer.max-attempts} the timer is FAILED (logged, counted).
 */
@ApplicationScoped
public class TimerPoller {
    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

    @Inject
    EntityManager em;
    @Inject
    Instance<TimerHandler> handlerBeans;
    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "jiesu.timer.poller.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "jiesu.timer.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;
    @ConfigProperty(name = "jiesu.timer.batch-size", defaultValue = "200")
    int batchSize;
    @ConfigProperty(name = "jiesu.timer.max-attempts", defaultValue = "10")
    int maxAttempts;
    @ConfigProperty(name = "quarkus.application.name", defaultValue = "service")
    String serviceName;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Map<String, TimerHandler> handlers;

    void onStart(@Observes StartupEvent event) {
        // Every timer group's series exist from the start (at 0), so dashboards and alerts see them before a timer fires.
        for (String group : handlers().keySet()) {
            metrics.counter("jiesu.timer.fired", "group", group);
            metrics.counter("jiesu.timer.failed", "group", group, "final", "false");
            metrics.counter("jiesu.timer.failed", "group", group, "final", "true");
        }
        if (!enabled) {
            LOG.warn("timer poller disabled (jiesu.timer.poller.enabled=false): due timers wait");
            return;
        }
        if (handlers().isEmpty()) {
            // nothing could fire here: polling an empty table every second would only cost CPU at rest
            LOG.info("timer poller not started: this service has no TimerHandler");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the background poller of this instance (no-op when it runs). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        String name = serviceName + "-" + ProcessHandle.current().pid();
        thread = new Thread(() -> loop(name), "timer-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the background poller and waits for its current timer to finish. */
    public synchronized void stop() {
        running = false;
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void loop(String name) {
        LOG.infof("timer poller %s started (every %s)", name, pollInterval);
        while (running) {
            try {
                while (running && pollOnce(name) == batchSize) {
                    // more are due: go on at once
                }
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("timer poller: %s", e.toString());
                sleep(Math.max(pollInterval.toMillis(), 1000));
            }
        }
        LOG.infof("timer poller %s stopped", name);
    }

    /**
     * Fires up to {@code batch-size} due timers, one transaction each, as poller {@code pollerName} (recorded in
     * {@code fired_by}). Safe to call from several threads or instances at once.
     *
     * @return how many timers this call fired or failed
     */
    public int pollOnce(String pollerName) {
        int done = 0;
        while (done < batchSize && fireNext(pollerName)) {
            done++;
        }
        return done;
    }

    /** Claims and fires one due timer; false when none is due (or every due one is claimed by another poller). */
    boolean fireNext(String pollerName) {
        AtomicReference<DueTimer> claimed = new AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = NativeSql.on(em, "durable_timer").query("""
                        SELECT id, timer_group, subject, name, due_at, data, attempts FROM durable_timer
                        WHERE status = 'PENDING' AND due_at <= now()
                        ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED""").getResultList();
                if (rows.isEmpty()) {
                    return false;
                }
                Object[] r = rows.get(0);
                DueTimer timer = new DueTimer(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        (String) r[3], instant(r[4]), (String) r[5], ((Number) r[6]).intValue());
                claimed.set(timer);
                TimerHandler handler = handlers().get(timer.group());
                if (handler == null) {
                    throw new IllegalStateException("no TimerHandler for group " + timer.group());
                }
                handler.fire(timer);
                NativeSql.on(em, "durable_timer").query("""
                        UPDATE durable_timer SET status = 'FIRED', fired_at = now(), fired_by = ?2,
                            updated_at = now() WHERE id = ?1""")
                        .setParameter(1, timer.id()).setParameter(2, pollerName).executeUpdate();
                metrics.counter("jiesu.timer.fired", "group", timer.group()).increment();
                return true;
            });
        } catch (RuntimeException e) {
            DueTimer timer = claimed.get();
            if (timer == null) {
                throw e;
            }
            recordFailure(timer, e);
            return true;
        }
    }

    private void recordFailure(DueTimer timer, RuntimeException e) {
        int attempt = timer.attempts() + 1;
        boolean giveUp = attempt >= maxAttempts;
        long backoffMs = Math.min(500L << Math.min(attempt, 8), 60_000);
        String error = String.valueOf(rootMessage(e));
        if (giveUp) {
            LOG.errorf(e, "timer %s %s/%s failed %d times, giving up", timer.group(), timer.subject(), timer.name(),
                    attempt);
        } else {
            LOG.warnf("timer %s %s/%s failed (attempt %d), retrying in %d ms: %s", timer.group(), timer.subject(),
                    timer.name(), attempt, backoffMs, error);
        }
        metrics.counter("jiesu.timer.failed", "group", timer.group(), "final", String.valueOf(giveUp)).increment();
        QuarkusTransaction.requiringNew().run(() -> NativeSql.on(em, "durable_timer").query("""
                UPDATE durable_timer SET attempts = ?2, last_error = ?3, updated_at = now(),
                    status = CASE WHEN ?4 THEN 'FAILED' ELSE status END,
                    due_at = CASE WHEN ?4 THEN due_at ELSE now() + make_interval(secs => ?5) END
                WHERE id = ?1 AND status = 'PENDING'""")
                .setParameter(1, timer.id()).setParameter(2, attempt)
                .setParameter(3, error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter(4, giveUp).setParameter(5, backoffMs / 1000.0)
                .executeUpdate());
    }

    private synchronized Map<String, TimerHandler> handlers() {
        if (handlers == null) {
            Map<String, TimerHandler> byGroup = new HashMap<>();
            handlerBeans.forEach(h -> byGroup.put(h.group(), h));
            handlers = byGroup;
        }
        return handlers;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not a time: " + value.getClass());
    }
}
