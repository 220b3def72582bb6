package io.jiesu.console.desk.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's reader of the units' inbox topics ({@code unit.<unitCode>.inbox}): new work orders, notices (reminders
 * 催办, reopened cases, decisions…) and whistle summons, told to the open pages of the unit they are addressed to —
 * nothing is stored. Only the inboxes of units with an open page are read ({@link InboxFollower}: from the moment the
 * first of them opened, no consumer group, nothing committed). The unit is the topic's: {@link #stream(String)} gives
 * a page only its own unit's notices.
 */
@ApplicationScoped
public class UnitInbox {
    private static final Pattern TOPIC = Pattern.compile("unit\\.(.+)\\.inbox");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One inbox message as a unit's page shows it. {@code kind}: work-order, summons or the notice's kind. */
    public record Notice(String unitCode, String caseId, String kind, String message, String whistleId, Instant at) {
    }

    private final BroadcastProcessor<Notice> notices = BroadcastProcessor.create();
    /** open pages per unit code */
    private final Map<String, Integer> pages = new ConcurrentHashMap<>();
    private final InboxFollower follower;

    @Inject
    UnitInbox(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.follower = new InboxFollower(kafka, this::onRecord);
    }

    /** Without Kafka (tests): records are handed to {@link #onRecord} directly. */
    UnitInbox() {
        this.follower = null;
    }

    @PreDestroy
    void stop() {
        if (follower != null) {
            follower.close();
        }
    }

    public void onRecord(ConsumerRecord<String, String> record) {
        Notice n = notice(record.topic(), header(record, CloudEventHeaders.TYPE), record.key(), record.value(),
                Instant.ofEpochMilli(record.timestamp()));
        if (n != null) {
            notices.onNext(n);
        }
    }

    /** Only the notices addressed to {@code unitCode} — never another unit's; its inbox is read while one is open. */
    public Multi<Notice> stream(String unitCode) {
        return notices.filter(n -> n.unitCode().equals(unitCode))
                .onSubscription().invoke(() -> opened(unitCode))
                .onTermination().invoke(() -> closed(unitCode));
    }

    /** The units whose inbox is read now (those with an open page). */
    Map<String, Integer> openPages() {
        return Map.copyOf(pages);
    }

    // The count and the follow/unfollow change together: a reload's new page opening while the old one closes must
    // not end with an open page whose inbox nobody reads.
    private synchronized void opened(String unitCode) {
        Instant now = Instant.now();
        if (pages.merge(unitCode, 1, Integer::sum) == 1 && follower != null) {
            follower.follow(Topics.unitInbox(unitCode), now);
        }
    }

    private synchronized void closed(String unitCode) {
        if (pages.computeIfPresent(unitCode, (k, n) -> n == 1 ? null : n - 1) == null && follower != null) {
            follower.unfollow(Topics.unitInbox(unitCode));
        }
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
