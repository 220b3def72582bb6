package io.jiesu.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * Keeps the Kafka client meters that someone reads and drops the per-topic ones for the ~500 unit inboxes. The
 * Micrometer Kafka binder turns every metric of every producer and consumer into a meter: dispatch writes to every
 * unit's inbox, so its producers carried ~19,000 Kafka metrics and ~30,000 meters (most of its live heap at rest, and
 * the binder's refresh work at every tick). Per-topic meters stay for every other topic — the dead-letter alert reads
 * {@code kafka_producer_topic_record_send_total{topic=~".+[.]dlq"}} — and client-wide meters (consumer lag) stay too.
 */
@Singleton
public class KafkaMeterFilters {
    /** {@code unit.<code>.inbox}; Kafka may write the topic tag with dots or with underscores. */
    static final Pattern UNIT_INBOX = Pattern.compile("unit[._].+[._]inbox");

    @Produces
    @Singleton
    MeterFilter withoutPerInboxTopicMeters() {
        return MeterFilter.deny(KafkaMeterFilters::perInboxTopic);
    }

    static boolean perInboxTopic(Meter.Id id) {
        if (!id.getName().startsWith("kafka.")) {
            return false;
        }
        String topic = id.getTag("topic");
        return topic != null && UNIT_INBOX.matcher(topic).matches();
    }
}
