package io.jiesu.testing;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A plain Kafka client for tests — what an outside system sees: reads topics from the beginning and waits for
 * records matching a condition; writes records with or without CloudEvents headers.
 */
public final class KafkaProbe implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private KafkaProbe(String bootstrap, Pattern topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(topics);
    }

    /** Follows every topic whose name matches {@code topicRegex}, from the beginning. */
    public static KafkaProbe follow(String bootstrap, String topicRegex) {
        return new KafkaProbe(bootstrap, Pattern.compile(topicRegex));
    }

    public static KafkaProbe follow(String topicRegex) {
        return follow(TestInfrastructure.kafkaBootstrap(), topicRegex);
    }

    /** Waits until {@code count} records match, or fails after {@code timeout}. Returns all matching so far. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count,
            Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> found = seen.stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("expected " + count + " matching records within " + timeout + ", saw "
                        + found.size() + " of " + seen.size() + " records");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    public ConsumerRecord<String, String> awaitOne(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return await(match, 1, timeout).get(0);
    }

    /** Keeps reading for {@code duration} and returns every record matching (to prove something did NOT happen). */
    public List<ConsumerRecord<String, String>> collect(Predicate<ConsumerRecord<String, String>> match,
            Duration duration) {
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.stream().filter(match).toList();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static Predicate<ConsumerRecord<String, String>> ofType(String ceType) {
        return r -> ceType.equals(header(r, CloudEventHeaders.TYPE));
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String bootstrap, String topic, String key, String value, Map<String, String> headers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /**
     * A record as the platform writes one: keyed, the event as JSON, the CloudEvents headers ({@code ce_subject} = the
     * key, source {@code /test}) — for tests that feed a consumer directly.
     */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String ceType, String ceId,
            Instant time, Object data) {
        ProducerRecord<String, String> record;
        try {
            record = new ProducerRecord<>(topic, key, Json.mapper().writeValueAsString(data));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + ceType + " as JSON", e);
        }
        Map.of(CloudEventHeaders.ID, ceId, CloudEventHeaders.TYPE, ceType, CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.SOURCE, "/test", CloudEventHeaders.TIME, time.toString(),
                CloudEventHeaders.SUBJECT, key)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Sends records with one producer, in order, so that they reach a consumer together; waits for every ack. */
    public static void sendAll(String bootstrap, List<ProducerRecord<String, String>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + records.size() + " records", e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
