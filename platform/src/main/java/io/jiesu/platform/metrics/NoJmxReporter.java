package io.jiesu.platform.metrics;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;

/**
 * The services' Kafka clients' {@code metric.reporters} (platform config {@code kafka.metric.reporters}): a reporter
 * that reports nowhere, in place of the client default {@code JmxReporter}. The metrics reach Micrometer through
 * {@link KafkaClientMeters}, which reads {@code metrics()} directly; an MBean per metric group (per topic, per
 * partition) was only memory — dispatch's clients know ~1,000 unit-topic partitions (issue 19, dispatch's RSS).
 */
public final class NoJmxReporter implements MetricsReporter {
    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        // reported through KafkaClientMeters
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        // reported through KafkaClientMeters
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        // reported through KafkaClientMeters
    }

    @Override
    public void close() {
        // nothing held
    }
}
