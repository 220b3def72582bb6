package io.jiesu.platform.consumer;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A CloudEvent read from a Kafka record in binary mode; {@link #data(EventType)} decodes its JSON data. */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, String topic,
        String key, String payload) {

    /** Reads the {@code ce_*} headers; a record without {@code ce_id} or {@code ce_type} is poison. */
    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank()) {
            throw new PoisonMessageException("missing CloudEvents header " + CloudEventHeaders.ID);
        }
        if (type == null || type.isBlank()) {
            throw new PoisonMessageException("missing CloudEvents header " + CloudEventHeaders.TYPE);
        }
        String time = header(record, CloudEventHeaders.TIME);
        Instant parsed;
        try {
            parsed = time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("ce_time is not an RFC 3339 time: " + time);
        }
        if (record.value() == null) {
            throw new PoisonMessageException("record has no value (event data)");
        }
        return new IncomingEvent(id, type, header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), parsed, record.topic(), record.key(), record.value());
    }

    public boolean is(EventType<?> eventType) {
        return eventType.type().equals(type);
    }

    /** Decodes the data as the given type; unreadable data is poison. */
    public <T> T data(EventType<T> eventType) {
        if (!is(eventType)) {
            throw new IllegalArgumentException("event " + id + " is " + type + ", not " + eventType.type());
        }
        try {
            return Json.mapper().readValue(payload, eventType.dataClass());
        } catch (Exception e) {
            throw new PoisonMessageException("data of " + type + " " + id + " is not valid JSON for "
                    + eventType.dataClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
