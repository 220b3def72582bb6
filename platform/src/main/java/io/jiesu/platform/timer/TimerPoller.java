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
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires due {@code durable_timer} rows, each exactly once, with any number of pollers (threads or service
 * instances) on one database: up to {@code jiesu.timer.claim-size} timers are claimed with one
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, their handlers run in that transaction and the rows become FIRED in it with
 * one statement; a claim that fails is fired again one timer per transaction. A poller that dies mid-way
 * rolls back and the timer stays PENDING for the next one; a committed timer is never seen again. A failing handler
 * is retried with back-off and after {@code jiesu.timer.max-attempts} the timer is FAILED (logged, counted) and its
 * handler's {@link TimerHandler#gaveUp} runs.
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
    /** Timers claimed and fired in one transaction (set-based: one claim, one FIRED mark per claim). */
    @ConfigProperty(name = "jiesu.timer.claim-size", defaultValue = "50")
    int claimSize;
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
     * Fires up to {@code batch-size} due timers as poller {@code pollerName} (recorded in {@code fired_by}), claimed
     * {@code claim-size} at a time: one transaction claims them, fires them all and marks them FIRED. A claim that
     * fails (a handler threw, a lock was taken) rolls back whole and its timers are fired one by one, each in its own
     * transaction, so a failing timer is retried with back-off alone and never holds up the others. Safe to call from
     * several threads or instances at once.
     *
     * @return how many timers this call fired or failed
     */
    public int pollOnce(String pollerName) {
        return pollOnce(pollerName, claimSize);
    }

    /** {@link #pollOnce(String)} with claims of at most {@code claimSize} timers. */
    public int pollOnce(String pollerName, int claimSize) {
        int done = 0;
        while (done < batchSize) {
            int limit = Math.min(claimSize, batchSize - done);
            int claimed = fireClaim(pollerName, limit);
            done += claimed;
            if (claimed < limit) {
                break; // none left that is due and not claimed by another poller
            }
        }
        return done;
    }

    /** Claims up to {@code limit} due timers and fires them in one transaction; one by one when that fails. */
    int fireClaim(String pollerName, int limit) {
        List<DueTimer> claimed = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().call(() -> {
                claimed.addAll(claim(null, limit));
                for (DueTimer timer : claimed) {
                    fire(timer);
                }
                markFired(claimed, pollerName);
                return null;
            });
        } catch (RuntimeException e) {
            if (claimed.isEmpty()) {
                throw e;
            }
            if (claimed.size() > 1) {
                LOG.debugf("timer poller: a claim of %d timers failed together (%s); firing them one by one",
                        claimed.size(), e.toString());
                metrics.counter("jiesu.timer.claims.split").increment();
                claimed.forEach(t -> fireOne(pollerName, t.id()));
            } else {
                recordFailure(claimed.get(0), e);
            }
            return claimed.size();
        }
        countFired(claimed);
        return claimed.size();
    }

    /** Claims and fires the timer {@code id} alone if it is still due and unclaimed. */
    private void fireOne(String pollerName, long id) {
        AtomicReference<DueTimer> claimed = new AtomicReference<>();
        try {
            QuarkusTransaction.requiringNew().call(() -> {
                List<DueTimer> one = claim(id, 1);
                if (one.isEmpty()) {
                    return null; // fired by another poller meanwhile, or claimed by one now
                }
                claimed.set(one.get(0));
                fire(one.get(0));
                markFired(one, pollerName);
                return null;
            });
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            recordFailure(claimed.get(), e);
            return;
        }
        if (claimed.get() != null) {
            countFired(List.of(claimed.get()));
        }
    }

    /** Locks up to {@code limit} due PENDING timers (only {@code id} when given) that no other poller holds. */
    @SuppressWarnings("unchecked")
    private List<DueTimer> claim(Long id, int limit) {
        var query = id == null
                ? NativeSql.on(em, "durable_timer").query("""
                        SELECT id, timer_group, subject, name, due_at, data, attempts FROM durable_timer
                        WHERE status = 'PENDING' AND due_at <= now()
                        ORDER BY due_at LIMIT ?1 FOR UPDATE SKIP LOCKED""").setParameter(1, limit)
                : NativeSql.on(em, "durable_timer").query("""
                        SELECT id, timer_group, subject, name, due_at, data, attempts FROM durable_timer
                        WHERE id = ?1 AND status = 'PENDING' AND due_at <= now() FOR UPDATE SKIP LOCKED""")
                        .setParameter(1, id);
        List<Object[]> rows = query.getResultList();
        List<DueTimer> timers = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            timers.add(new DueTimer(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    instant(r[4]), (String) r[5], ((Number) r[6]).intValue()));
        }
        return timers;
    }

    private void fire(DueTimer timer) throws Exception {
        TimerHandler handler = handlers().get(timer.group());
        if (handler == null) {
            throw new IllegalStateException("no TimerHandler for group " + timer.group());
        }
        handler.fire(timer);
    }

    /**
     * Marks the claimed timers FIRED with one statement — except one its handler moved meanwhile (scheduled again
     * with another time or data, e.g. to its next phase): it stays PENDING as moved.
     */
    private void markFired(List<DueTimer> timers, String pollerName) {
        if (timers.isEmpty()) {
            return;
        }
        Long[] ids = timers.stream().map(DueTimer::id).toArray(Long[]::new);
        // instants as ISO text, cast by the server: a Timestamp[] would travel as zone-less wall-clock time
        String[] due = timers.stream().map(t -> t.dueAt().toString()).toArray(String[]::new);
        String[] data = timers.stream().map(DueTimer::data).toArray(String[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    UPDATE durable_timer d SET status = 'FIRED', fired_at = now(), fired_by = ?, updated_at = now()
                    FROM unnest(?::bigint[], ?::text[], ?::text[]) AS c(id, due_at, data)
                    WHERE d.id = c.id AND d.status = 'PENDING' AND d.due_at = c.due_at::timestamptz
                      AND d.data IS NOT DISTINCT FROM c.data""")) {
                ps.setString(1, pollerName);
                ps.setArray(2, connection.createArrayOf("bigint", ids));
                ps.setArray(3, connection.createArrayOf("text", due));
                ps.setArray(4, connection.createArrayOf("text", data));
                ps.executeUpdate();
            }
        });
    }

    private void countFired(List<DueTimer> timers) {
        timers.forEach(t -> metrics.counter("jiesu.timer.fired", "group", t.group()).increment());
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
        int marked = QuarkusTransaction.requiringNew().call(() -> NativeSql.on(em, "durable_timer").query("""
                UPDATE durable_timer SET attempts = ?2, last_error = ?3, updated_at = now(),
                    status = CASE WHEN ?4 THEN 'FAILED' ELSE status END,
                    due_at = CASE WHEN ?4 THEN due_at ELSE now() + make_interval(secs => ?5) END
                WHERE id = ?1 AND status = 'PENDING'""")
                .setParameter(1, timer.id()).setParameter(2, attempt)
                .setParameter(3, error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter(4, giveUp).setParameter(5, backoffMs / 1000.0)
                .executeUpdate());
        TimerHandler handler = handlers().get(timer.group());
        if (giveUp && marked == 1 && handler != null) {
            try {
                QuarkusTransaction.requiringNew().run(() -> handler.gaveUp(timer));
            } catch (RuntimeException hookFailed) {
                LOG.errorf(hookFailed, "timer %s %s/%s: its handler's gaveUp failed; the timer stays FAILED",
                        timer.group(), timer.subject(), timer.name());
            }
        }
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
