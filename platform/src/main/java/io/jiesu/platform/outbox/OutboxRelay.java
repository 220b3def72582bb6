package io.jiesu.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.platform.kafka.ProducerSettings;
import io.jiesu.platform.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends committed outbox rows to Kafka in {@code seq} order and deletes them once the broker acknowledged.
 *
 * <p>Each batch runs in one database transaction whose single statement takes a PostgreSQL advisory lock
 * (transaction-scoped) and deletes the batch's rows returning them, so only one relay of the service sends at a time
 * and per-key order holds across instances. The delete commits only after the broker acknowledged every row; a crash
 * in between re-sends the batch: consumers de-duplicate on {@code ce_id}, nothing is lost.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "jiesu.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "jiesu.outbox.relay.batch-size", defaultValue = "500")
    int batchSize;
    @ConfigProperty(name = "jiesu.outbox.relay.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;
    /**
     * Rows deleted between two {@code VACUUM}s of the outbox table (0: never). The outbox is a queue — every row is
     * inserted once and deleted once — so its dead rows pile up unless something vacuums it; the relay does not
     * rely on autovacuum, which may be off (it is off on the machines this project is built on: 91,000 dead rows made
     * each delete of a batch take 41 ms). A vacuum of the few live rows takes milliseconds.
     */
    @ConfigProperty(name = "jiesu.outbox.relay.vacuum-every", defaultValue = "5000")
    long vacuumEvery;
    /**
     * The relay producer's {@code compression.type} (none, lz4, zstd, gzip, snappy). Chosen by measurement: see
     * docs/performance.md, third tranche of issue 19, "Measured and left as they are" (a batch holds one or two
     * records a partition: too few for compression to pay).
     */
    @ConfigProperty(name = "jiesu.outbox.relay.compression", defaultValue = "none")
    String compression;
    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;
    /**
     * Fault injection for the system tests only: halt the JVM after the broker acknowledged a batch but before its
     * delete commits — the worst moment to die. Never set it in production.
     */
    @ConfigProperty(name = "jiesu.fault.halt-after-send", defaultValue = "false")
    boolean haltAfterSend;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private long deletedSinceVacuum;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;
    private Counter relayed;
    private Counter vacuums;
    private long lockKey;

    void start(@Observes StartupEvent event) {
        lockKey = ("jiesu-outbox:" + serviceName).hashCode();
        relayed = Counter.builder("jiesu.outbox.relayed").description("Outbox events sent to Kafka")
                .register(metrics);
        vacuums = Counter.builder("jiesu.outbox.vacuums").description("VACUUMs of outbox_event by the relay")
                .register(metrics);
        Gauge.builder("jiesu.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet acknowledged by Kafka, as of the relay's last look")
                .register(metrics);
        if (!enabled) {
            LOG.warn("outbox relay disabled (jiesu.outbox.relay.enabled=false): events stay in outbox_event");
            return;
        }
        producer = new KafkaProducer<>(producerConfig());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows: send now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = ProducerSettings.of(kafkaConfig, serviceName + "-outbox-relay");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "2");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        return config;
    }

    private void loop() {
        LOG.infof("outbox relay started (batch %d, poll %s)", batchSize, pollInterval);
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                }
                int sent;
                do {
                    sent = relayOnce();
                    vacuumWhenDue(sent);
                } while (sent == batchSize && running);
                backoffMs = 0;
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                backoffMs = Math.min(Math.max(backoffMs * 2, 200), 10_000);
                LOG.warnf("outbox relay failed, retrying in %d ms: %s", backoffMs, e.toString());
            }
        }
    }

    /**
     * One batch in one transaction and one statement: take the relay's advisory lock and, only if it was free, delete
     * the oldest rows returning them; send them in {@code seq} order, wait for every acknowledgement, then commit.
     * A failed send rolls the delete back (the rows stay for the next try); a crash after the send and before the
     * commit leaves them too, and they are sent again with the same {@code ce_id} — consumers de-duplicate.
     *
     * @return how many events were sent (0 when none waits or another instance holds the lock)
     */
    int relayOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Row> rows = takeBatch(connection);
                if (rows.isEmpty()) {
                    pending.set(0);
                    connection.rollback();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    acks.add(producer.send(row.record()));
                }
                // send now: the relay waits for the acknowledgements anyway (flush is bounded by delivery.timeout.ms)
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(60, TimeUnit.SECONDS); // a failure rolls the delete back: the batch is sent again
                }
                if (haltAfterSend) {
                    LOG.errorf("fault injection: halting after sending %d events, before their delete commits",
                            rows.size());
                    Runtime.getRuntime().halt(99);
                }
                connection.commit();
                relayed.increment(rows.size());
                pending.set(rows.size() == batchSize ? countPending(connection) : 0);
                LOG.debugf("relayed %d outbox events", rows.size());
                return rows.size();
            } catch (Exception e) {
                safeRollback(connection);
                throw e;
            }
        }
    }

    /**
     * Deletes and returns the oldest {@code batch-size} rows, in {@code seq} order — nothing when another relay holds
     * the lock (the uncorrelated sub-select runs once, before any row is read).
     */
    private List<Row> takeBatch(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement take = connection.prepareStatement("""
                DELETE FROM outbox_event o
                USING (SELECT id FROM outbox_event WHERE (SELECT pg_try_advisory_xact_lock(?))
                       ORDER BY seq LIMIT ?) oldest
                WHERE o.id = oldest.id
                RETURNING o.seq, o.id, o.topic, o.message_key, o.ce_type, o.ce_source, o.ce_subject, o.ce_time,
                          o.payload, o.trace_parent, o.trace_state""")) {
            take.setLong(1, lockKey);
            take.setInt(2, batchSize);
            try (ResultSet rs = take.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong("seq"), toRecord(rs)));
                }
            }
        }
        rows.sort(Comparator.comparingLong(Row::seq)); // RETURNING promises no order
        return rows;
    }

    private record Row(long seq, ProducerRecord<String, String> record) {
    }

    /** Vacuums the outbox table once {@code vacuum-every} rows were deleted since the last time. */
    private void vacuumWhenDue(int deleted) {
        deletedSinceVacuum += deleted;
        if (vacuumEvery <= 0 || deletedSinceVacuum < vacuumEvery) {
            return;
        }
        deletedSinceVacuum = 0;
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM (ANALYZE) outbox_event")) {
                vacuum.execute();
            }
            vacuums.increment();
            LOG.debugf("vacuumed outbox_event in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            // not fatal: deletes get slower until the next try (or autovacuum) cleans up
            LOG.warnf("vacuum of outbox_event failed: %s", e.getMessage());
        }
    }

    private long countPending(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM outbox_event");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ProducerRecord<String, String> toRecord(ResultSet rs) throws SQLException {
        String key = rs.getString("message_key");
        ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString("topic"), key,
                rs.getString("payload"));
        Timestamp time = rs.getTimestamp("ce_time");
        header(record, CloudEventHeaders.ID, rs.getString("id"));
        header(record, CloudEventHeaders.SOURCE, rs.getString("ce_source"));
        header(record, CloudEventHeaders.TYPE, rs.getString("ce_type"));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.TIME, time.toInstant().toString());
        header(record, CloudEventHeaders.SUBJECT, rs.getString("ce_subject"));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        EventTracing.addHeaders(record, rs.getString("trace_parent"), rs.getString("trace_state"));
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void safeRollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }
}
