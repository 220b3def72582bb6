package io.jiesu.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw Kafka producer rate of this machine, for {@link EndToEndBench}: 1 KiB records (random bytes, so no
 * compression helps), {@code acks=all}, producer defaults otherwise, as fast as one producer goes for a few seconds,
 * on a scratch topic that is deleted afterwards. Measured in the same run as the end-to-end figures, so that runs on
 * machines of different speed (or the same machine under different noise) can be compared by their ratio.
 */
final class EndToEndRawRate {
    static final int RECORD_BYTES = 1024;

    /** Acknowledged records per second, and what was sent. */
    record Rate(double recordsPerSecond, long acknowledged, long failed, double seconds) {
        double mibPerSecond() {
            return recordsPerSecond * RECORD_BYTES / (1024.0 * 1024.0);
        }
    }

    private EndToEndRawRate() {
    }

    static Rate measure(String bootstrap, String topic, int seconds) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(admin)) {
            // like the platform's own topics: 6 partitions (num.partitions of deploy/local/up), one replica
            a.createTopics(List.of(new NewTopic(topic, 6, (short) 1)
                    .configs(Map.of("retention.ms", "600000")))).all().get(30, TimeUnit.SECONDS);
            try {
                return produce(bootstrap, topic, seconds);
            } finally {
                a.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Rate produce(String bootstrap, String topic, int seconds) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "e2e-raw-rate");
        // bounded: a starved broker makes the measurement fail fast rather than block for the defaults' minutes
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[][] values = new byte[64][RECORD_BYTES];
        for (byte[] v : values) {
            ThreadLocalRandom.current().nextBytes(v);
        }
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            // connect and fetch metadata first: not part of the rate
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            int i = 0;
            // send() blocks when the producer's buffer is full: the loop runs at the rate the broker takes
            try {
                while (System.nanoTime() < end) {
                    producer.send(new ProducerRecord<>(topic, values[i++ & 63]), (metadata, e) -> {
                        if (e == null) {
                            acked.increment();
                        } else {
                            failed.increment();
                        }
                    });
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                failed.increment(); // the buffer stayed full for max.block.ms: the broker does not keep up at all
            }
            producer.flush(); // at most delivery.timeout.ms
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Rate(acked.sum() / elapsed, acked.sum(), failed.sum(), elapsed);
        }
    }
}
