package io.jiesu.system;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.TelephonyCall;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A mass incident on the telephony topic: a heating plant fails and thousands call at once about the same street —
 * different callers, fifty buildings — and how long until every service's consumers have caught up.
 */
final class BurstCalls {
    static final String STREET = "110101001"; // 东华门街道, 东城区

    private BurstCalls() {
    }

    /** Sends {@code count} calls with one producer as fast as the broker takes them; waits for every ack. */
    static void send(String bootstrap, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String callId = "burst-" + run + "-" + i;
                Instant now = Instant.now();
                TelephonyCall call = new TelephonyCall(callId, Enums.Channel.PHONE, now,
                        new Citizen("市民" + i, String.format("139%08d", i), false, false), Enums.AppealType.COMPLAINT,
                        "HEATING", Enums.Urgency.NORMAL,
                        new Location("110101", STREET, null, null, "东华门大街" + (i % 50 + 1) + "号楼", null, null),
                        "供热站故障，整栋楼暖气不热，家里只有十二度", List.of());
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TELEPHONY_CALLS, callId,
                        Json.mapper().writeValueAsString(call));
                header(record, CloudEventHeaders.ID, callId);
                header(record, CloudEventHeaders.TYPE, EventCatalog.TELEPHONY_CALL.type());
                header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
                header(record, CloudEventHeaders.SOURCE, "/telephony/burst");
                header(record, CloudEventHeaders.TIME, now.toString());
                acks.add(producer.send(record));
            }
            for (Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
        System.out.printf("%s: burst of %d telephony calls sent%n", Instant.now(), count);
    }

    /**
     * Waits until every consumer group of the services has committed the end of every partition it reads (lag 0),
     * or fails after {@code bound} with the groups still behind.
     */
    static void awaitCaughtUp(String bootstrap, List<String> services, Duration bound) throws Exception {
        Instant end = Instant.now().plus(bound);
        Map<String, Long> behind = Map.of();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (Instant.now().isBefore(end)) {
                Thread.sleep(2_000); // offsets are committed every few seconds
                behind = lag(admin, services);
                if (behind.isEmpty()) {
                    return;
                }
            }
        }
        throw new IllegalStateException("consumers still behind after " + bound.toSeconds() + " s: " + behind);
    }

    /** Lag per group (only groups with some lag), for the groups whose names start with a service's name. */
    private static Map<String, Long> lag(Admin admin, List<String> services) throws Exception {
        Map<String, Long> behind = new TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            if (services.stream().noneMatch(s -> group.groupId().startsWith(s))) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : committed.entrySet()) {
                if (e.getValue() != null) {
                    lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            if (lag > 0) {
                behind.put(group.groupId(), lag);
            }
        }
        return behind;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
