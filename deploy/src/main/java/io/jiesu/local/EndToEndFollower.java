package io.jiesu.local;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * What a department system sees, for {@link EndToEndBench}: one plain Kafka consumer on every unit inbox
 * ({@code unit.<unitCode>.inbox}, pattern subscription, from the latest offset at start) that notes, per case id
 * (the record key), when its first work order arrived and every {@code ce_id} it came with. With
 * {@code followIntake} it also reads {@code case.intake} (which case an {@code externalId} became: the only way to
 * match a {@code telephony.calls} record, which has no answer, to its work order) and {@code telephony.calls.dlq}
 * (calls intake refused).
 *
 * <p>The consumer runs on its own thread; the maps are read by the benchmark while it runs.
 */
final class EndToEndFollower implements AutoCloseable {
    static final String WORK_ORDER_TYPE = "jiesu.inbox.work-order.v1";
    static final String CASE_RECEIVED_TYPE = "jiesu.case.received.v1";
    static final String CASE_LINKED_TYPE = "jiesu.case.linked.v1";
    static final String CASE_ANSWERED_TYPE = "jiesu.case.answered-directly.v1";
    static final String INBOX_PATTERN = "unit\\..*\\.inbox";
    static final String INTAKE_TOPIC = "case.intake";
    static final String TELEPHONY_DLQ_TOPIC = "telephony.calls.dlq";
    private static final byte[] WORK_ORDER_TYPE_BYTES = WORK_ORDER_TYPE.getBytes(StandardCharsets.UTF_8);

    /** The work orders of one case on the inboxes. Written by the consumer thread only. */
    static final class Arrival {
        final long firstNanos;
        final String topic;
        private final Set<String> ceIds = new HashSet<>(2);
        private int records;

        Arrival(long firstNanos, String topic) {
            this.firstNanos = firstNanos;
            this.topic = topic;
        }

        synchronized void add(String ceId) {
            records++;
            ceIds.add(ceId);
        }

        /** Different work-order events (distinct ce_id) for the case: more than one is a duplicate. */
        synchronized int distinctEvents() {
            return ceIds.size();
        }

        /** Records beyond the distinct events: the same event re-sent (at-least-once relay), de-duplicated by ce_id. */
        synchronized int redeliveries() {
            return records - ceIds.size();
        }
    }

    /** What intake made of an appeal: its case and the kind of event (received, linked, answered directly). */
    record Intake(String caseId, String type, long nanos) {
        boolean expectsWorkOrder() {
            return CASE_RECEIVED_TYPE.equals(type);
        }
    }

    final ConcurrentHashMap<String, Arrival> arrivals = new ConcurrentHashMap<>();
    /** externalId → what intake published for it (only with followIntake, and only for this run's appeals). */
    final ConcurrentHashMap<String, Intake> intake = new ConcurrentHashMap<>();
    /** externalId → dead-letter reason (only with followIntake). */
    final ConcurrentHashMap<String, String> deadLetters = new ConcurrentHashMap<>();
    final AtomicLong workOrders = new AtomicLong();
    final AtomicLong otherInboxRecords = new AtomicLong();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Pattern topics;
    private final String externalIdMarker;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile int assignedPartitions;

    /**
     * @param externalIdMarker only case.intake/DLQ records whose value/key contain it are decoded (this run's
     *                         appeals); the inbox records are all kept, as in REST mode the case id comes later
     */
    EndToEndFollower(String bootstrap, String groupId, boolean followIntake, String externalIdMarker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // fetch.min.bytes stays 1: the broker answers a fetch as soon as one work order arrives, so the wait only
        // bounds empty fetches; at 50 ms their ~20/s over ~500 partitions inflated Kafka's CPU in every run
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        // a work order is matched by its key and headers: its value is never copied out of the fetch
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new IntakeValuesOnly());
        this.topics = Pattern.compile(followIntake
                ? INBOX_PATTERN + "|" + Pattern.quote(INTAKE_TOPIC) + "|" + Pattern.quote(TELEPHONY_DLQ_TOPIC)
                : INBOX_PATTERN);
        this.externalIdMarker = externalIdMarker;
        this.thread = new Thread(this::loop, "e2e-inbox-follower");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the consumer and returns once it holds every matching partition at its latest offset, so that
     * nothing sent afterwards can be missed.
     */
    void start(Duration timeout) throws InterruptedException, EndToEndBench.CannotStart {
        thread.start();
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Throwable f = failure.get();
            throw new EndToEndBench.CannotStart("the inbox consumer did not get its partitions within "
                    + timeout.toSeconds() + " s" + (f == null ? " (is Kafka up? are the unit inboxes created?)"
                    : ": " + f));
        }
        Throwable f = failure.get();
        if (f != null) {
            throw new EndToEndBench.CannotStart("the inbox consumer failed: " + f);
        }
    }

    int assignedPartitions() {
        return assignedPartitions;
    }

    Throwable failure() {
        return failure.get();
    }

    private void loop() {
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // resolve "latest" now, before the load starts, rather than at the first fetch
                    for (TopicPartition tp : partitions) {
                        consumer.position(tp);
                    }
                    assignedPartitions = consumer.assignment().size();
                    if (assignedPartitions > 0) {
                        ready.countDown();
                    }
                }
            });
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    handle(r, now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure.set(t);
            ready.countDown();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, long now) {
        String topic = r.topic();
        if (topic.equals(INTAKE_TOPIC)) {
            onIntake(r, now);
            return;
        }
        if (topic.equals(TELEPHONY_DLQ_TOPIC)) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            if (key.contains(externalIdMarker)) {
                String reason = header(r, "dead-letter-reason");
                deadLetters.put(key, reason == null ? "(no reason header)" : reason);
            }
            return;
        }
        Header type = r.headers().lastHeader("ce_type");
        if (type == null || !Arrays.equals(WORK_ORDER_TYPE_BYTES, type.value()) || r.key() == null) {
            otherInboxRecords.incrementAndGet();
            return;
        }
        workOrders.incrementAndGet();
        String caseId = new String(r.key(), StandardCharsets.UTF_8);
        String ceId = header(r, "ce_id");
        arrivals.computeIfAbsent(caseId, k -> new Arrival(now, topic)).add(ceId == null ? "(none)" : ceId);
    }

    private void onIntake(ConsumerRecord<byte[], byte[]> r, long now) {
        if (r.value() == null) {
            return;
        }
        String value = new String(r.value(), StandardCharsets.UTF_8);
        if (!value.contains(externalIdMarker)) {
            return; // not one of this run's appeals
        }
        String type = header(r, "ce_type");
        JsonObject data;
        try (JsonReader reader = BenchAppeals.JSON.createReader(new StringReader(value))) {
            data = reader.readObject();
        } catch (RuntimeException e) {
            return;
        }
        String externalId = data.getString("externalId", null);
        if (externalId == null) {
            return;
        }
        // case.linked is keyed by the open case; the new appeal's own case is appealId
        String caseId = CASE_LINKED_TYPE.equals(type) ? data.getString("appealId", null)
                : r.key() == null ? data.getString("caseId", null) : new String(r.key(), StandardCharsets.UTF_8);
        if (CASE_RECEIVED_TYPE.equals(type) || CASE_LINKED_TYPE.equals(type) || CASE_ANSWERED_TYPE.equals(type)) {
            intake.putIfAbsent(externalId, new Intake(caseId, type, now));
        }
    }

    /** The values of {@code case.intake} records (read with {@code followIntake}); null for every other topic. */
    static final class IntakeValuesOnly implements Deserializer<byte[]> {
        @Override
        public byte[] deserialize(String topic, byte[] data) {
            return INTAKE_TOPIC.equals(topic) ? data : null;
        }

        @Override
        public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
            if (data == null || !INTAKE_TOPIC.equals(topic)) {
                return null;
            }
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            return bytes;
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        thread.join(5_000);
    }
}
