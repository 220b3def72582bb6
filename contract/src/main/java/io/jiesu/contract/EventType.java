package io.jiesu.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One versioned event type of the contract: its {@code ce_type}, the topic it travels on (for the unit inbox,
 * {@link Topics#UNIT_INBOX_TEMPLATE}) and the record its JSON data binds to.
 */
public record EventType<T>(String type, String topic, Class<T> dataClass, String summary) {
    private static final Pattern NAME = Pattern.compile("jiesu\\.[a-z]+\\.[a-z-]+\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(topic);
        Objects.requireNonNull(dataClass);
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("ce_type must look like jiesu.<stream>.<event>.v<N>: " + type);
        }
    }

    public static <T> EventType<T> of(String type, String topic, Class<T> dataClass, String summary) {
        return new EventType<>(type, topic, dataClass, summary);
    }

    /** The version number at the end of the type name. */
    public int version() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }
}
