package io.jiesu.platform.consumer;

import io.jiesu.platform.kafka.ProducerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes dead letters for the consumers that do it themselves (batch channels, where SmallRye's dead-letter strategy
 * would move a whole batch, and intake's {@code telephony.calls}): the record goes to {@code <topic>.dlq} as the
 * connector's strategy would write it — same key, value and headers plus SmallRye's {@code dead-letter-*} headers.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    MeterRegistry metrics;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    private KafkaProducer<String, String> producer;
    private KafkaClientMetrics producerMetrics;
    private ScheduledExecutorService metricsRefresh;

    synchronized void stop(@Observes ShutdownEvent event) {
        if (producerMetrics != null) {
            producerMetrics.close();
            metricsRefresh.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends the record to {@code <topic>.dlq} and waits for the broker, so a dead letter is never lost when the
     * record is acknowledged; throws when the broker does not take it (then the record must not be acknowledged).
     */
    public void send(String consumer, ConsumerRecord<String, String> record, Throwable reason) {
        String topic = record.topic() + ".dlq";
        ProducerRecord<String, String> out = new ProducerRecord<>(topic, null, record.key(), record.value());
        for (Header h : record.headers()) {
            out.headers().add(h);
        }
        Throwable cause = reason.getCause();
        add(out, "dead-letter-exception-class-name", reason.getClass().getName());
        add(out, "dead-letter-reason", reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage());
        if (cause != null) {
            add(out, "dead-letter-cause-class-name", cause.getClass().getName());
            add(out, "dead-letter-cause", String.valueOf(cause.getMessage()));
        }
        add(out, "dead-letter-topic", record.topic());
        add(out, "dead-letter-partition", String.valueOf(record.partition()));
        add(out, "dead-letter-offset", String.valueOf(record.offset()));
        LOG.warnf("%s: %s-%d@%d goes to %s: %s", consumer, record.topic(), record.partition(), record.offset(), topic,
                reason.getMessage());
        try {
            producer().send(out).get(30, TimeUnit.SECONDS);
            metrics.counter("jiesu.consumer.dead.letters", "consumer", consumer).increment();
        } catch (Exception e) {
            // not acknowledging the record is the only safe answer: it is redelivered and dead-lettered again
            throw new IllegalStateException("cannot write the dead letter to " + topic, e);
        }
    }

    private static void add(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(ProducerSettings.of(kafkaConfig, serviceName + "-dead-letters"));
            // The dead-letter alert and dashboard (deploy/observability) count
            // kafka_producer_topic_record_send_total{topic=~".+[.]dlq"}: expose this producer's metrics as the
            // connector does for its own, looking for new topic series every 10 s (the binder's default is a minute).
            metricsRefresh = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "dead-letter-metrics");
                thread.setDaemon(true);
                return thread;
            });
            producerMetrics = new KafkaClientMetrics(producer, Tags.empty(), metricsRefresh, Duration.ofSeconds(10));
            producerMetrics.bindTo(metrics);
        }
        return producer;
    }
}
