package io.jiesu.platform.consumer;

import io.jiesu.platform.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.time.Duration;
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
 * applied: a record without CloudEvents headers is dead-lettered before the transaction; a dead-lettered event gets
 * its {@code processed_event} row afterwards, so a redelivered poll does not dead-letter it twice;</li>
 * <li>time: a poll's transaction has {@code jiesu.consumer.batch-timeout}, enforced by the JTA timeout and by
 * PostgreSQL's {@code statement_timeout} for each statement (a lock wait included). A batch that fails — for time, for
 * poison, for anything but a short-lived conflict — is halved, never retried whole: each half gets half the budget
 * ({@link BatchBudget}) and the halves are applied in order, so a slow or bad record ends up alone. It is then set
 * aside with its case's later records (their order kept) until the rest of the poll is applied, and goes through
 * {@link IdempotentConsumer}: retries with back-off, the dead-letter topic only if it keeps failing. A deadlock or serialization failure retries the same part a few times
 * ({@code jiesu.consumer.batch-attempts}) first.</li>
 * </ul>
 * {@link ConsumerProgress} follows each consumer for readiness: catching up is ready, making no progress is not.
 * The channel's own {@code failure-strategy=dead-letter-queue} would dead-letter a whole batch, so this class never
 * lets a record's failure escape; it writes the dead letters itself ({@link DeadLetters}), with SmallRye's header
 * names.
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

    @Inject
    ConsumerProgress progress;

    /** Tries of a batch that meets a deadlock or serialization conflict before it is split. */
    @ConfigProperty(name = "jiesu.consumer.batch-attempts", defaultValue = "5")
    int batchAttempts;

    /** A whole poll's transaction budget; halves get half (see {@link BatchBudget}). */
    @ConfigProperty(name = "jiesu.consumer.batch-timeout", defaultValue = "PT60S")
    Duration batchTimeout;
    /** The smallest budget of a part, and the single form's per-record budget. */
    @ConfigProperty(name = "jiesu.consumer.record-timeout", defaultValue = "PT15S")
    Duration recordTimeout;

    private BatchBudget budget;

    @PostConstruct
    void checkBudgets() {
        budget = new BatchBudget(batchTimeout, recordTimeout);
    }

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
        return consumeEach(consumer, records, events -> {
        }, each);
    }

    /**
     * {@link #consumeEach} with a first step: {@code prepare} gets the batch's new events in the batch's transaction
     * before they go through {@code each} — for set-based work per poll, e.g. one query for the rows all of them read.
     * A record retried alone (after a split) goes through {@code each} without it.
     */
    public int consumeEach(String consumer, Iterable<ConsumerRecord<String, String>> records, BatchHandler prepare,
            IdempotentConsumer.Handler each) {
        return apply(consumer, records, (events, recordOf) -> {
            prepare.handle(events);
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
        progress.started(consumer);
        Pass pass = new Pass(consumer, recordOf, batch, each, events.size());
        int applied = pass.applyPart(events, budget.batchTimeout());
        applied += pass.applyDeferred();
        progress.finished(consumer);
        metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "processed").increment(applied);
        if (valid.size() > applied) {
            metrics.counter("jiesu.consumer.events", "consumer", consumer, "outcome", "duplicate")
                    .increment(valid.size() - applied);
        }
        metrics.counter("jiesu.consumer.batches", "consumer", consumer).increment();
        LOG.debugf("%s: batch of %d records, %d applied", consumer, total, applied);
        return applied;
    }

    /**
     * One poll's way through: parts that fail are halved; a record that fails alone is set aside with every later
     * record of its key (one case: its order is kept) and tried again, with the single form's retries, once the rest
     * of the poll is applied — so one slow record holds up neither the other cases of its batch nor their partitions.
     */
    private final class Pass {
        private final String consumer;
        private final Map<String, ConsumerRecord<String, String>> recordOf;
        private final EventsHandler batch;
        private final IdempotentConsumer.Handler each;
        private final int pollSize;
        private final Set<String> heldKeys = new HashSet<>();
        private final List<IncomingEvent> deferred = new ArrayList<>();

        Pass(String consumer, Map<String, ConsumerRecord<String, String>> recordOf, EventsHandler batch,
                IdempotentConsumer.Handler each, int pollSize) {
            this.consumer = consumer;
            this.recordOf = recordOf;
            this.batch = batch;
            this.each = each;
            this.pollSize = pollSize;
        }

        /**
         * Applies {@code part} (events in offset order) in one transaction of at most {@code timeout}. A part that
         * meets a short-lived conflict (deadlock, serialization) is tried again a few times; one that fails for time,
         * for its data or for anything else is halved and the halves applied in order, each with half the budget.
         */
        int applyPart(List<IncomingEvent> part, Duration timeout) {
            List<IncomingEvent> ready = new ArrayList<>();
            for (IncomingEvent event : part) {
                if (heldKeys.contains(keyOf(event))) {
                    deferred.add(event); // an earlier record of this case is set aside: keep the case's order
                } else {
                    ready.add(event);
                }
            }
            if (ready.isEmpty()) {
                return 0;
            }
            Duration budgetOfTry = ready.size() == 1 ? budget.recordTimeout() : timeout;
            for (int attempt = 1; ; attempt++) {
                progress.started(consumer);
                try {
                    int applied = QuarkusTransaction.requiringNew().timeout(BatchBudget.seconds(budgetOfTry))
                            .call(() -> {
                                // the claim also sets the statement budget of what follows
                                List<IncomingEvent> fresh = claim(consumer, ready, budgetOfTry);
                                if (!fresh.isEmpty()) {
                                    batch.handle(fresh, recordOf);
                                }
                                return fresh.size();
                            });
                    progress.progressed(consumer);
                    return applied;
                } catch (RuntimeException e) {
                    progress.failed(consumer, e);
                    if (isConflict(e) && attempt < batchAttempts && !shuttingDown) {
                        // e.g. a deadlock with another channel's batch on the same case rows: quick, worth a retry
                        LOG.warnf("%s: %d of a poll's %d records met a conflict (attempt %d of %d), retrying: %s",
                                consumer, ready.size(), pollSize, attempt, batchAttempts, e.toString());
                        sleep(200L * attempt);
                        continue;
                    }
                    if (ready.size() == 1) {
                        IncomingEvent slow = ready.get(0);
                        heldKeys.add(keyOf(slow));
                        deferred.add(slow);
                        metrics.counter("jiesu.consumer.records.set-aside", "consumer", consumer).increment();
                        LOG.warnf("%s: %s %s failed alone (%s); set aside with its case's later records until the "
                                + "rest of the poll is applied", consumer, slow.type(), slow.id(), e.toString());
                        return 0;
                    }
                    Duration halfBudget = budget.halfOf(timeout);
                    LOG.warnf("%s: %d of a poll's %d records failed together in %s budget (%s); splitting into "
                            + "halves of %s budget each", consumer, ready.size(), pollSize, timeout, e.toString(),
                            halfBudget);
                    metrics.counter("jiesu.consumer.batch.splits", "consumer", consumer).increment();
                    int applied = 0;
                    for (List<IncomingEvent> half : BatchBudget.halves(ready)) {
                        applied += applyPart(half, halfBudget);
                    }
                    return applied;
                }
            }
        }

        /**
         * The records set aside, in their order, one at a time through {@link IdempotentConsumer}: retries with
         * back-off, poison and exhausted retries to the dead-letter topic.
         */
        int applyDeferred() {
            int applied = 0;
            for (IncomingEvent event : deferred) {
                ConsumerRecord<String, String> record = recordOf.get(event.id());
                progress.started(consumer);
                try {
                    if (single.consume(consumer, record, each)) {
                        applied++;
                    }
                } catch (RuntimeException e) {
                    // poison, or retries exhausted: what the single form's dead-letter strategy would do with it
                    deadLetters.send(consumer, record, e);
                    markDeadLettered(consumer, event);
                }
                progress.progressed(consumer);
            }
            return applied;
        }

        /**
         * Records a dead-lettered event as processed, so that the same poll delivered again (a rebalance before its
         * offsets were committed, e.g. when a pattern subscription sees the new {@code .dlq} topic) skips it instead
         * of writing a second dead letter. A failure here costs at most that second dead letter.
         */
        private void markDeadLettered(String consumer, IncomingEvent event) {
            try {
                QuarkusTransaction.requiringNew().run(() -> claim(consumer, List.of(event), budget.recordTimeout()));
            } catch (RuntimeException e) {
                LOG.warnf("%s: %s %s dead-lettered but not marked processed (%s); a redelivery would dead-letter it "
                        + "again", consumer, event.type(), event.id(), e.toString());
            }
        }

        /** The record's key (the case id); a record without a key is its own. */
        private String keyOf(IncomingEvent event) {
            ConsumerRecord<String, String> record = recordOf.get(event.id());
            return record.key() != null ? record.key() : record.topic() + "/" + record.partition() + "@" + record.offset();
        }
    }

    /** A deadlock or serialization failure (SQLState 40P01, 40001): another transaction's fault, soon gone. */
    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001"))) {
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

    /**
     * Inserts the batch's processed_event rows with one statement, which also sets the transaction's
     * {@code statement_timeout} ({@link StatementTimeout}) for the statements after it; returns the events that were
     * not there.
     */
    private List<IncomingEvent> claim(String consumer, List<IncomingEvent> events, Duration statementBudget) {
        String[] idArray = events.stream().map(IncomingEvent::id).toArray(String[]::new);
        String[] typeArray = events.stream().map(IncomingEvent::type).toArray(String[]::new);
        Set<String> inserted = em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(StatementTimeout.budgetPrefix("?") + """
                    INSERT INTO processed_event (consumer, event_id, event_type)
                    SELECT ?, e.id, e.type FROM budget, unnest(?::text[], ?::text[]) AS e(id, type)
                    ON CONFLICT DO NOTHING RETURNING event_id""")) {
                Array idsParam = connection.createArrayOf("text", idArray);
                Array typesParam = connection.createArrayOf("text", typeArray);
                ps.setString(1, StatementTimeout.millis(statementBudget));
                ps.setString(2, consumer);
                ps.setArray(3, idsParam);
                ps.setArray(4, typesParam);
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
