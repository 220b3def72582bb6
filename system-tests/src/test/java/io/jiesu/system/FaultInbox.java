package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the department systems see: a plain Kafka consumer on every {@code unit.<unitCode>.inbox} (and on
 * {@code case.dispatch} for the overdue events, and on every {@code *.dlq} to notice dead letters), running in its own thread through every fault, noting when each
 * record arrived. A record read twice by this consumer (same topic, partition and offset, e.g. after the broker
 * restart) is counted once; a record written twice is kept twice.
 */
final class FaultInbox implements AutoCloseable {
    /** One record on an inbox: its {@code ce_id}, where and when it arrived. */
    record Copy(String ceId, String topic, Instant arrivedAt) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private final Set<String> offsets = ConcurrentHashMap.newKeySet();
    /** Work orders per case id. */
    private final Map<String, List<Copy>> workOrders = new ConcurrentHashMap<>();
    /** {@code jiesu.case.overdue.v1} on case.dispatch per "caseId/deadlineKind". */
    private final Map<String, List<Copy>> overdue = new ConcurrentHashMap<>();
    /** Records on any dead-letter topic: every appeal of the suite is valid, so each is a failure of the platform. */
    private final List<String> deadLetters = java.util.Collections.synchronizedList(new ArrayList<>());
    /** OVERDUE notices on the unit inboxes per "caseId/deadlineKind". */
    private final Map<String, List<Copy>> overdueNotices = new ConcurrentHashMap<>();

    /** Dead letters written before this follower existed belong to earlier tests on the same broker. */
    private final Instant createdAt = Instant.now();

    FaultInbox(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // new inbox topics are found within a second; the consumer does not give up while the broker is away
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(Pattern.compile("unit\\.[A-Za-z0-9_-]+\\.inbox|" + Pattern.quote(Topics.CASE_DISPATCH)
                + "|.+" + Pattern.quote(Topics.DEAD_LETTER_SUFFIX)));
        thread = new Thread(this::loop, "fault-inbox");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            poll();
        } finally {
            consumer.close(Duration.ofSeconds(5)); // a consumer is closed by the thread that polls it
        }
    }

    private void poll() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (offsets.add(r.topic() + "/" + r.partition() + "/" + r.offset())) {
                        note(r, Instant.now());
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // the broker is away (restart): keep polling, the client reconnects by itself
                sleep(200);
            }
        }
    }

    private void note(ConsumerRecord<String, String> r, Instant at) {
        String type = header(r, CloudEventHeaders.TYPE);
        Copy copy = new Copy(header(r, CloudEventHeaders.ID), r.topic(), at);
        if (r.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            if (r.timestamp() < createdAt.toEpochMilli() - 1_000) {
                return; // an earlier test's dead letter on a shared broker (e.g. BadInputIT's, on purpose)
            }
            deadLetters.add(r.topic() + " " + type + " " + r.key() + ": " + header(r, "dead-letter-reason"));
        } else if (EventCatalog.INBOX_WORK_ORDER.type().equals(type)) {
            add(workOrders, r.key(), copy);
        } else if (EventCatalog.CASE_OVERDUE.type().equals(type) && Topics.CASE_DISPATCH.equals(r.topic())) {
            add(overdue, r.key() + "/" + data(r).path("deadlineKind").asText(), copy);
        } else if (EventCatalog.INBOX_NOTICE.type().equals(type)) {
            JsonNode data = data(r);
            if ("OVERDUE".equals(data.path("kind").asText())) {
                add(overdueNotices, r.key() + "/" + data.path("details").path("deadlineKind").asText(), copy);
            }
        }
    }

    private static void add(Map<String, List<Copy>> map, String key, Copy copy) {
        map.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(copy);
    }

    private static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return Json.mapper().readTree(r.value());
        } catch (Exception e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every copy of the case's work order seen so far (empty: none yet). */
    List<Copy> workOrders(String caseId) {
        List<Copy> copies = workOrders.get(caseId);
        if (copies == null) {
            return List.of();
        }
        synchronized (copies) {
            return List.copyOf(copies);
        }
    }

    /** When the case's first work order arrived, or null. */
    Instant firstArrival(String caseId) {
        return workOrders(caseId).stream().map(Copy::arrivedAt).min(Instant::compareTo).orElse(null);
    }

    List<String> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    Map<String, List<Copy>> overdue() {
        return snapshot(overdue);
    }

    Map<String, List<Copy>> overdueNotices() {
        return snapshot(overdueNotices);
    }

    private static Map<String, List<Copy>> snapshot(Map<String, List<Copy>> map) {
        Map<String, List<Copy>> copy = new java.util.HashMap<>();
        map.forEach((k, v) -> {
            synchronized (v) {
                copy.put(k, List.copyOf(v));
            }
        });
        return copy;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(15_000);
    }
}
