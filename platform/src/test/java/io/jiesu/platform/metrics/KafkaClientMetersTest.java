package io.jiesu.platform.metrics;

import io.jiesu.testing.TestInfrastructure;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real clients on the test broker: what the binder is shown, and what ends up as meters. */
class KafkaClientMetersTest {

    @Test
    void unitTopicsAreLeftOutOtherTopicsAndClientWideMetricsStay() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> unitTopics = List.of("unit.M" + run + "A.commands", "unit.M" + run + "B.inbox");
        String caseTopic = "metrics-test." + run;
        String bootstrap = TestInfrastructure.kafkaBootstrap();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(unitTopics.get(0), 2, (short) 1),
                    new NewTopic(unitTopics.get(1), 1, (short) 1), new NewTopic(caseTopic, 1, (short) 1))).all().get();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaClientMeters meters = new KafkaClientMeters(registry);
        try (Producer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.CLIENT_ID_CONFIG, "p-" + run),
                new StringSerializer(), new StringSerializer());
                Consumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "g-" + run,
                        ConsumerConfig.CLIENT_ID_CONFIG, "c-" + run, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            for (String topic : List.of(unitTopics.get(0), unitTopics.get(1), caseTopic)) {
                producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            }
            // like dispatch's unit-commands channel: a pattern over unit topics only
            consumer.subscribe(Pattern.compile("unit\\.M" + run + ".*"));
            int read = 0;
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read < 2 && System.nanoTime() < until) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertEquals(2, read, "records read from the two unit topics");

            // the clients themselves do have per-topic metrics of the unit topics: that is what is left out
            assertTrue(topicsIn(producer.metrics()).containsAll(unitTopics), "producer per-topic metrics");
            assertTrue(topicsIn(consumer.metrics()).containsAll(unitTopics), "consumer per-topic metrics");

            meters.producerCreated(producer);
            meters.consumerCreated(consumer);

            Set<String> meteredTopics = registry.getMeters().stream().map(m -> m.getId().getTag("topic"))
                    .filter(t -> t != null).collect(Collectors.toSet());
            assertFalse(meteredTopics.stream().anyMatch(t -> t.contains(run) && t.startsWith("unit")),
                    "no meter of a unit topic: " + meteredTopics);
            assertTrue(meteredTopics.stream().anyMatch(t -> t.replace('_', '.').equals(caseTopic)),
                    "per-topic meters of other topics stay (the producer's): " + meteredTopics);
            Meter lag = registry.find("kafka.consumer.fetch.manager.records.lag.max").tag("client.id", "c-" + run)
                    .meters().stream().filter(m -> m.getId().getTag("topic") == null).findFirst().orElse(null);
            // (Micrometer keeps a metric's per-partition form over its client-wide one; with the unit topics' left
            // out, a consumer of unit topics only keeps its client-wide lag)
            assertTrue(lag != null, "client-wide consumer lag stays");
            assertTrue(registry.find("kafka.producer.record.send.total").tag("client.id", "p-" + run).meter() != null,
                    "client-wide producer meters stay");

            // the connector fires a client again when it closes it: its meters go
            meters.consumerCreated(consumer);
            meters.producerCreated(producer);
            meters.stop(null);
        }
        assertTrue(KafkaClientMeters.aboutUnitTopic(new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("topic", "unit_110101001_commands", "partition", "0"))));
        assertFalse(KafkaClientMeters.aboutUnitTopic(new MetricName("record-send-total", "producer-topic-metrics", "",
                Map.of("topic", "case.dispatch.dlq"))));
    }

    private static Set<String> topicsIn(Map<MetricName, ?> metrics) {
        return metrics.keySet().stream().map(n -> n.tags().get("topic")).filter(t -> t != null)
                .map(t -> t.startsWith("unit_") ? t.replace('_', '.') : t).collect(Collectors.toSet());
    }
}
