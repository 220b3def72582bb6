package io.jiesu.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.jboss.logging.Logger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Binds the messaging connector's Kafka clients to Micrometer as Quarkus's own binder does (switched off:
 * {@code quarkus.micrometer.binder.kafka.enabled=false}), but without the per-topic and per-partition metrics of the
 * ~500 unit topics ({@code unit.<code>.inbox}, {@code unit.<code>.commands}). Dispatch reads every unit's commands by
 * pattern: that one consumer had ~14,000 such metrics, and Micrometer's binder compares every metric with every meter
 * of its name whenever the set changes — a profile under load (issue 19, {@code bench-history --measure --profile})
 * found 87 % of dispatch's Java CPU there. A meter filter that drops the meters afterwards does not help (the binder
 * still walks every metric), so the binder is given a view of the client whose {@code metrics()} leaves them out.
 * Client-wide metrics (consumer lag: {@code kafka_consumer_fetch_manager_records_lag_max}) and the per-topic metrics
 * of every other topic stay.
 * <p>
 * The connector fires a client as a CDI event when it creates it and again when it closes it; as in Quarkus's binder,
 * the second event unbinds.
 */
@Singleton
public class KafkaClientMeters {
    private static final Logger LOG = Logger.getLogger(KafkaClientMeters.class);
    /** {@code unit.<code>.inbox} / {@code unit.<code>.commands}; Kafka may write the topic tag with dots or underscores. */
    static final Pattern UNIT_TOPIC = Pattern.compile("unit[._].+[._](inbox|commands)");

    private final MeterRegistry registry;
    private final Map<Object, KafkaClientMetrics> bound = new IdentityHashMap<>();

    KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void consumerCreated(@Observes Consumer<?, ?> consumer) {
        toggle(consumer, () -> new KafkaClientMetrics(withoutUnitTopics(consumer, Consumer.class)));
    }

    synchronized void producerCreated(@Observes Producer<?, ?> producer) {
        toggle(producer, () -> new KafkaClientMetrics(withoutUnitTopics(producer, Producer.class)));
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        bound.values().forEach(KafkaClientMetrics::close);
        bound.clear();
    }

    private void toggle(Object client, Supplier<KafkaClientMetrics> binding) {
        KafkaClientMetrics earlier = bound.remove(client);
        if (earlier != null) {
            earlier.close();
            return;
        }
        KafkaClientMetrics metrics = binding.get();
        try {
            metrics.bindTo(registry);
            bound.put(client, metrics);
        } catch (RuntimeException e) {
            LOG.warnf(e, "no metrics for Kafka client %s", client);
            metrics.close();
        }
    }

    /** Whether a Kafka metric is about one unit topic (or one of its partitions). */
    static boolean aboutUnitTopic(MetricName name) {
        String topic = name.tags().get("topic");
        return topic != null && UNIT_TOPIC.matcher(topic).matches();
    }

    /** The metrics without those about unit topics. */
    static Map<MetricName, Metric> withoutUnitTopics(Map<MetricName, ? extends Metric> metrics) {
        Map<MetricName, Metric> kept = new LinkedHashMap<>();
        metrics.forEach((name, metric) -> {
            if (!aboutUnitTopic(name)) {
                kept.put(name, metric);
            }
        });
        return kept;
    }

    /** The client as the binder sees it: every call passes through, {@code metrics()} without the unit topics'. */
    @SuppressWarnings("unchecked")
    static <T> T withoutUnitTopics(T client, Class<T> type) {
        return (T) Proxy.newProxyInstance(KafkaClientMeters.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(client, args);
                        return method.getName().equals("metrics") && method.getParameterCount() == 0
                                ? withoutUnitTopics((Map<MetricName, ? extends Metric>) result) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
