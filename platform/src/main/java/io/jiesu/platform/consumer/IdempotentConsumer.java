package io.jiesu.platform.consumer;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs an event handler at most once per (consumer, {@code ce_id}): the {@code processed_event} row is written in
 * the handler's own transaction, so a redelivered event finds it and changes nothing, and a failed handler leaves
 * no row. Transient failures are retried in place; poison records and exhausted retries are rethrown so the
 * channel's dead-letter strategy moves them to {@code <topic>.dlq} with the reason. A failure while the service
 * is stopping is neither acknowledged nor dead-lettered: the record is redelivered after the restart.
 */
@ApplicationScoped
public class IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    /** The handler of one event, run inside the consumer's transaction. */
    @FunctionalInterface
    public interface Handler {
        void handle(IncomingEvent event) throws Exception;
    }

    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;
    @Inject
    EventTracing tracing;
    /** With the back-off capped at 10 s, 12 attempts ride out about a minute of database trouble. */
    @ConfigProperty(name = "jiesu.consumer.max-attempts", defaultValue = "12")
    int maxAttempts;

    /** One record's transaction budget (JTA timeout and PostgreSQL statement_timeout). */
    @ConfigProperty(name = "jiesu.consumer.record-timeout", defaultValue = "PT15S")
    Duration recordTimeout;

    private volatile boolean shuttingDown;

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        shuttingDown = true;
    }

    /**
     * @param consumer a stable name for this consumer (part of the de-duplication key)
     * @return true when the handler ran, false when the event had been processed before
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, Handler handler) {
        try {
            // The handler runs in a span continuing the record's trace, so what it publishes stays in that trace.
            return tracing.inConsumerSpan(consumer, record, IncomingEvent.header(record, CloudEventHeaders.TYPE),
                    IncomingEvent.header(record, CloudEventHeaders.ID), () -> consumeTraced(consumer, record, handler));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean consumeTraced(String consumer, ConsumerRecord<String, String> record, Handler handler) {
        IncomingEvent event = IncomingEvent.from(record);
        boolean ran = withRetries(consumer, event.type() + " " + event.id() + " from " + record.topic(),
                () -> QuarkusTransaction.requiringNew().timeout(BatchBudget.seconds(recordTimeout)).call(() -> {
                    // a statement (or a lock wait) past the record's budget is cancelled, so a try fails in time:
                    // the claim sets that budget for the statements after it (StatementTimeout)
                    int inserted = NativeSql.on(em, "processed_event").query(StatementTimeout.budgetPrefix("?1") + """
                            INSERT INTO processed_event (consumer, event_id, event_type)
                            SELECT ?2, ?3, ?4 FROM budget
                            ON CONFLICT DO NOTHING""")
                            .setParameter(1, StatementTimeout.millis(recordTimeout)).setParameter(2, consumer)
                            .setParameter(3, event.id()).setParameter(4, event.type())
                            .executeUpdate();
                    if (inserted == 0) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                }));
        metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", ran ? "processed" : "duplicate")
                .increment();
        if (!ran) {
            LOG.debugf("%s: %s %s already processed, skipped", consumer, event.type(), event.id());
        }
        return ran;
    }

    /**
     * Runs {@code work} (which brings its own transaction and idempotency), retrying transient failures with
     * back-off. A {@link PoisonMessageException} is rethrown at once; so is the last failure after
     * {@code jiesu.consumer.max-attempts}.
     */
    public <T> T withRetries(String consumer, String what, Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.call();
            } catch (Exception e) {
                PoisonMessageException poison = poisonIn(e);
                if (poison != null) {
                    metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "poison").increment();
                    LOG.warnf("%s: poison %s: %s", consumer, what, poison.getMessage());
                    throw poison;
                }
                if (shuttingDown) {
                    parkUntilExit(consumer, what);
                }
                if (attempt >= maxAttempts) {
                    metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "failed").increment();
                    LOG.errorf(e, "%s: %s failed %d times, giving up", consumer, what, attempt);
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                LOG.warnf("%s: %s failed (attempt %d of %d), retrying: %s", consumer, what, attempt, maxAttempts,
                        e.toString());
                sleep(Math.min(100L << attempt, 10_000L));
            }
        }
    }

    /**
     * Poison is a {@link PoisonMessageException}, or a database refusal that no retry can change: SQLState class 22
     * (data exception, e.g. a value too long) or 23 (integrity constraint violation).
     */
    private static PoisonMessageException poisonIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonMessageException p) {
                return p;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return new PoisonMessageException("the database refuses this event's data: " + sql.getMessage(), e);
            }
        }
        return null;
    }

    /**
     * A valid record that fails because the service is stopping (e.g. its database session factory is already
     * closed) must not become a dead letter: it is neither acknowledged nor nacked, so its offset is never committed
     * and it is redelivered after the restart. The worker thread holds it until the JVM ends.
     */
    private static void parkUntilExit(String consumer, String what) {
        LOG.warnf("%s: service stopping while handling %s; left for redelivery after the restart", consumer, what);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // still stopping: keep holding the record
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
