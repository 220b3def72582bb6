package io.jiesu.console.desk.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.CloudEventHeaders;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's consumer of the units' inbox topics ({@code unit.<unitCode>.inbox}, subscribed by pattern, its own
 * group id per instance from the newest offset): new work orders, notices (reminders 催办, reopened cases, decisions…)
 * and whistle summons, told to the open pages of the unit they are addressed to — nothing is stored. The unit is
 * the topic's: {@link #stream(String)} gives a page only its own unit's notices.
 */
@ApplicationScoped
public class UnitInbox {
    private static final Pattern TOPIC = Pattern.compile("unit\\.(.+)\\.inbox");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One inbox message as a unit's page shows it. {@code kind}: work-order, summons or the notice's kind. */
    public record Notice(String unitCode, String caseId, String kind, String message, String whistleId, Instant at) {
    }

    private final BroadcastProcessor<Notice> notices = BroadcastProcessor.create();

    @Incoming("unit-inbox")
    public void onRecord(ConsumerRecord<String, String> record) {
        Notice n = notice(record.topic(), header(record, CloudEventHeaders.TYPE), record.key(), record.value(),
                Instant.ofEpochMilli(record.timestamp()));
        if (n != null) {
            notices.onNext(n);
        }
    }

    /** Only the notices addressed to {@code unitCode} — never another unit's. */
    public Multi<Notice> stream(String unitCode) {
        return notices.filter(n -> n.unitCode().equals(unitCode));
    }

    /** Reads one inbox record; null when the topic is no unit inbox. */
    static Notice notice(String topic, String type, String key, String value, Instant at) {
        Matcher m = TOPIC.matcher(topic == null ? "" : topic);
        if (!m.matches()) {
            return null;
        }
        JsonNode body = read(value);
        String t = type == null ? "" : type;
        String kind = t.contains(".work-order.") ? "work-order" : t.contains(".summons.") ? "summons"
                : text(body, "kind", "notice");
        String caseId = text(body, "caseId", key);
        String message = t.contains(".summons.") ? text(body, "matter", "") : text(body, "message", "");
        return new Notice(m.group(1), caseId, kind, message, text(body, "whistleId", null), at);
    }

    private static JsonNode read(String value) {
        try {
            return value == null ? JSON.nullNode() : JSON.readTree(value);
        } catch (Exception e) {
            return JSON.nullNode();
        }
    }

    private static String text(JsonNode body, String field, String otherwise) {
        JsonNode v = body.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : otherwise;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
