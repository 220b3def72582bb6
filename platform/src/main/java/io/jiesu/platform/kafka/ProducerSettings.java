package io.jiesu.platform.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** Settings of the kit's own producers (outbox relay, dead letters): the shared broker config plus their own. */
public final class ProducerSettings {
    private ProducerSettings() {
    }

    /** String keys and values, {@code acks=all}, the given client id. */
    public static Map<String, Object> of(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            // The shared broker config holds client-neutral settings (bootstrap, security); keep only those.
            if (!k.startsWith("group.") && !k.contains("deserializer")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
