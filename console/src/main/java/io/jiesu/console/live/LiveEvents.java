package io.jiesu.console.live;

import io.jiesu.contract.CloudEventHeaders;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The console's only use of Kafka: it follows the case topics and tells open pages that something changed, so they
 * reload their lists through the services (with the viewer's own token). Nothing is stored; an event missed while no
 * page is open is simply not needed.
 */
@ApplicationScoped
public class LiveEvents {
    /** One event as open pages learn of it: which case, what kind, and for which unit (when the topic says). */
    public record Change(String caseId, String type, String topic, Instant at) {
        /** {@code jiesu.case.return-requested.v1} → {@code return-requested}; {@code jiesu.whistle.blown.v1} → {@code whistle.blown}. */
        public String kind() {
            return type == null ? "" : type.replaceFirst("^jiesu\\.(case\\.)?", "").replaceFirst("\\.v\\d+$", "");
        }
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

    @Incoming("live")
    public void onRecord(ConsumerRecord<String, String> record) {
        changes.onNext(new Change(record.key(), header(record, CloudEventHeaders.TYPE), record.topic(),
                Instant.ofEpochMilli(record.timestamp())));
    }

    public Multi<Change> stream() {
        return changes;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
