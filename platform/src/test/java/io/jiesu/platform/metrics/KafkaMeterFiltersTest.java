package io.jiesu.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaMeterFiltersTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    {
        registry.config().meterFilter(new KafkaMeterFilters().withoutPerInboxTopicMeters());
    }

    @Test
    void perTopicMetersOfUnitInboxesAreDropped() {
        registry.counter("kafka.producer.topic.record.send.total", "topic", "unit.110101001.inbox").increment();
        registry.counter("kafka.producer.topic.record.send.total", "topic", "unit_D110105_inbox").increment();
        assertEquals(0, registry.find("kafka.producer.topic.record.send.total").meters().size());
    }

    @Test
    void deadLetterCaseTopicAndClientWideMetersStay() {
        registry.counter("kafka.producer.topic.record.send.total", "topic", "case.dispatch.dlq").increment();
        registry.counter("kafka.producer.topic.record.send.total", "topic", "case.dispatch").increment();
        registry.gauge("kafka.consumer.fetch.manager.records.lag.max", 3.0);
        registry.counter("jiesu.outbox.relayed", "topic", "unit.110101001.inbox").increment();
        assertEquals(2, registry.find("kafka.producer.topic.record.send.total").meters().size());
        assertEquals(1, registry.find("kafka.consumer.fetch.manager.records.lag.max").meters().size());
        assertEquals(1, registry.find("jiesu.outbox.relayed").meters().size());
    }
}
