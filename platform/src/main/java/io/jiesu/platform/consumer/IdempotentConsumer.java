package io.jiesu.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs an event handler at most once per (consumer, {@code ce_id}): the {@code processed_event} row is written in
 * the handler's own transaction, so a redelivered event finds it and changes nothing, and a failed handler leaves
 * no row. Transient failures are retried in place; poison records and exhausted retries are rethrown so the
 * channel's dead-letter strategy moves them to {@code <topic>.dlq} with the reason.
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
    @ConfigProperty(name = "jiesu.consumer.max-attempts", defaultValue = "5")
    int maxAttempts;

    /**
     * @param consumer a stable name for this consumer (part of the de-duplication key)
     * @return true when the handler ran, false when the event had been processed before
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, Handler handler) {
        IncomingEvent event = IncomingEvent.from(record);
        for (int attempt = 1; ; attempt++) {
            try {
                boolean ran = QuarkusTransaction.requiringNew().call(() -> {
                    int inserted = em.createNativeQuery("""
                            INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?1, ?2, ?3)
                            ON CONFLICT DO NOTHING""")
                            .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.type())
                            .executeUpdate();
                    if (inserted == 0) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
                metrics.counter("jiesu.consumer.events", "consumer", consumer,
                        "outcome", ran ? "processed" : "duplicate").increment();
                if (!ran) {
                    LOG.debugf("%s: %s %s already processed, skipped", consumer, event.type(), event.id());
                }
                return ran;
            } catch (PoisonMessageException e) {
                metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "poison").increment();
                LOG.warnf("%s: poison %s %s from %s: %s", consumer, event.type(), event.id(), record.topic(),
                        e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() instanceof PoisonMessageException p ? p : null;
                if (cause != null) {
                    throw (PoisonMessageException) cause;
                }
                if (attempt >= maxAttempts) {
                    metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "failed").increment();
                    LOG.errorf(e, "%s: %s %s failed %d times, giving up", consumer, event.type(), event.id(), attempt);
                    throw e;
                }
                LOG.warnf("%s: %s %s failed (attempt %d of %d), retrying: %s", consumer, event.type(), event.id(),
                        attempt, maxAttempts, e.toString());
                sleep(100L << Math.min(attempt, 6));
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
