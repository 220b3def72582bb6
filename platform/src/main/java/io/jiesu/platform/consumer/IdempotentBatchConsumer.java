package io.jiesu.platform.consumer;

import io.jiesu.platform.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch form of {@link IdempotentConsumer}, for channels in SmallRye Kafka batch mode
 * ({@code mp.messaging.incoming.<channel>.batch=true}): one poll's records are applied in <em>one</em> transaction,
 * which is what makes catching up (a replay, a backlog) fast. The guarantees are those of the single form:
 * <ul>
 * <li>each event at most once per (consumer, {@code ce_id}): the {@code processed_event} rows of the whole batch are
 * inserted in the batch's transaction with one statement, and only the events that were new are handed over
 * (a {@code ce_id} seen twice in one batch counts once);</li>
 * <li>order: the events keep the batch's order, which is offset order within each partition (one case, one key,
 * one partition);</li>
 * <li>poison goes to {@code <topic>.dlq} with a {@code dead-letter-reason} header and the rest of the batch is
 * applied: a record without CloudEvents headers is dead-lettered before the transaction; when the batch's
 * transaction fails with poison (or keeps failing), it is rolled back and the batch is applied again record by
 * record through {@link IdempotentConsumer}, each in its own transaction, so only the bad record is
 * dead-lettered.</li>
 * </ul>
 * A failing batch is retried a few times ({@code jiesu.consumer.batch-attempts}), then split. The channel's own
 * {@code failure-strategy=dead-letter-queue} would dead-letter a whole batch, so this class never lets a record's
 * failure escape; it writes the dead letters itself ({@link DeadLetters}), with SmallRye's header names.
 */
@ApplicationScoped
public class IdempotentBatchConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentBatchConsumer.class);

    /** Applies the new events of one batch, in order, inside the batch's transaction. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<IncomingEvent> events) throws Exception;
    }

    @Inject
    EntityManager em;
    @Inject
    IdempotentConsumer single;
    @Inject
    MeterRegistry metrics;
    @Inject
    EventTracing tracing;
    @Inject
    DeadLetters deadLetters;

    /** Attempts of a whole batch before it is split (each record then gets {@code jiesu.consumer.max-attempts}). */
    @ConfigProperty(name = "jiesu.consumer.batch-attempts", defaultValue = "5")
    int batchAttempts;

    private volatile boolean shuttingDown;

    void stop(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    /**
     * @param consumer a stable name for this consumer (part of the de-duplication key, the same as the single
     *                 form's, so both can be used on one channel's history)
     * @param records  one poll's records, in the order the broker gave them
     * @param batch    applies the new events of the batch in one transaction
     * @param each     applies one event; used only when the batch has to be split (poison in it)
     * @return how many events were applied (not duplicates, not dead-lettered)
     */
    public int consume(String consumer, Iterable<ConsumerRecord<String, String>> records, BatchHandler batch,
            IdempotentConsumer.Handler each) {
        return apply(consumer, records, (events, recordOf) -> batch.handle(events), each);
    }

    /**
     * The batch form for handlers written one event at a time: the batch's new events go through {@code each} in
     * order, all in the batch's one transaction (one commit per poll instead of one per record), each in a CONSUMER
     * span continuing its own record's trace — so what a handler publishes stays in the trace of the event that
     * caused it, exactly as with {@link IdempotentConsumer}. Poison splits the batch as {@link #consume} does.
     */
    public int consumeEach(String consumer, Iterable<ConsumerRecord<String, String>> records,
            IdempotentConsumer.Handler each) {
        return apply(consumer, records, (events, recordOf) -> {
            for (IncomingEvent event : events) {
                tracing.inConsumerSpan(consumer, recordOf.get(event.id()), event.type(), event.id(), () -> {
                    each.handle(event);
                    return null;
                });
            }
        }, each);
    }

    /** A batch's new events with the record each was read from (for its trace context). */
    private interface EventsHandler {
        void handle(List<IncomingEvent> events, Map<String, ConsumerRecord<String, String>> recordOf) throws Exception;
    }

    private int apply(String consumer, Iterable<ConsumerRecord<String, String>> records, EventsHandler batch,
            IdempotentConsumer.Handler each) {
        List<ConsumerRecord<String, String>> valid = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        Map<String, ConsumerRecord<String, String>> recordOf = new HashMap<>();
        int total = 0;
        for (ConsumerRecord<String, String> record : records) {
            total++;
            IncomingEvent event;
            try {
                event = IncomingEvent.from(record);
            } catch (PoisonMessageException poison) {
                // counted as the single form counts poison (there, in its retry loop)
                metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "poison").increment();
                deadLetters.send(consumer, record, poison);
                continue;
            }
            valid.add(record);
            if (recordOf.putIfAbsent(event.id(), record) == null) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        int applied = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                applied = QuarkusTransaction.requiringNew().call(() -> {
                    List<IncomingEvent> fresh = claim(consumer, events);
                    if (!fresh.isEmpty()) {
                        batch.handle(fresh, recordOf);
                    }
                    return fresh.size();
                });
                break;
            } catch (RuntimeException e) {
                if (isPoison(e) || shuttingDown || attempt >= batchAttempts) {
                    // Nothing of the batch was kept (one transaction): apply it record by record, each with the single
                    // form's retries, so that only a bad record is dead-lettered.
                    LOG.warnf("%s: a batch of %d records failed (%s); applying them one at a time", consumer,
                            valid.size(), e.toString());
                    return oneByOne(consumer, valid, each);
                }
                // e.g. a deadlock with another channel's batch on the same case rows, or a database blip
                LOG.warnf("%s: a batch of %d records failed (attempt %d of %d), retrying: %s", consumer, valid.size(),
                        attempt, batchAttempts, e.toString());
                sleep(200L * attempt);
            }
        }
        metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "processed").increment(applied);
        if (valid.size() > applied) {
            metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "duplicate")
                    .increment(valid.size() - applied);
        }
        metrics.counter("jiesu.consumer.batches", "consumer", consumer).increment();
        LOG.debugf("%s: batch of %d records, %d applied", consumer, total, applied);
        return applied;
    }

    /** What no retry can change: a {@link PoisonMessageException}, or SQLState class 22 (data) or 23 (integrity). */
    private static boolean isPoison(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonMessageException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }

    private int oneByOne(String consumer, List<ConsumerRecord<String, String>> records,
            IdempotentConsumer.Handler each) {
        int applied = 0;
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (single.consume(consumer, record, each)) {
                    applied++;
                }
            } catch (RuntimeException e) {
                // poison, or retries exhausted: what the single form's dead-letter strategy would do with it
                deadLetters.send(consumer, record, e);
            }
        }
        return applied;
    }

    /** Inserts the batch's processed_event rows with one statement; returns the events that were not there. */
    private List<IncomingEvent> claim(String consumer, List<IncomingEvent> events) {
        String[] idArray = events.stream().map(IncomingEvent::id).toArray(String[]::new);
        String[] typeArray = events.stream().map(IncomingEvent::type).toArray(String[]::new);
        Set<String> inserted = em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id, event_type)
                    SELECT ?, e.id, e.type FROM unnest(?::text[], ?::text[]) AS e(id, type)
                    ON CONFLICT DO NOTHING RETURNING event_id""")) {
                Array idsParam = connection.createArrayOf("text", idArray);
                Array typesParam = connection.createArrayOf("text", typeArray);
                ps.setString(1, consumer);
                ps.setArray(2, idsParam);
                ps.setArray(3, typesParam);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        if (inserted.size() == events.size()) {
            return events;
        }
        return events.stream().filter(e -> inserted.contains(e.id())).toList();
    }
}
