package io.jiesu.console.desk.unit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A plain consumer that holds exactly the inbox topics some open page follows — no consumer group, no commits, no
 * heartbeats, and no fetch at all while nobody looks (the console used to fetch every unit's inbox by pattern all the
 * time). A topic followed since {@code t} is read from its first record at or after {@code t} (or its end), so a
 * notice that arrives while the assignment is being made is not missed. One thread, started at the first follow.
 */
final class InboxFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InboxFollower.class);
    /** An inbox that does not exist yet is looked for again this often (while a page of its unit is open). */
    private static final Duration MISSING_RECHECK = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final Duration LOOKUP = Duration.ofSeconds(5);

    private final Map<String, Object> config;
    private final Consumer<ConsumerRecord<String, String>> sink;
    private final Map<String, Instant> wanted = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private boolean changed;
    private boolean closed;
    private Thread thread;
    private volatile KafkaConsumer<String, String> consumer;

    /** @param kafka the application's Kafka client settings (bootstrap servers, security) */
    InboxFollower(Map<String, Object> kafka, Consumer<ConsumerRecord<String, String>> sink) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "console-unit-inbox");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // fetch.min.bytes=1: a notice is handed over as it arrives; the wait only spaces out empty fetches
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5000");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.config = c;
        this.sink = sink;
    }

    /** Starts reading {@code topic} from its records of {@code since} on (kept if already followed). */
    void follow(String topic, Instant since) {
        wanted.putIfAbsent(topic, since);
        changed(true);
    }

    void unfollow(String topic) {
        wanted.remove(topic);
        changed(false);
    }

    Set<String> followed() {
        return Set.copyOf(wanted.keySet());
    }

    private void changed(boolean start) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            changed = true;
            if (thread == null && start) {
                thread = new Thread(this::run, "console-unit-inbox");
                thread.setDaemon(true);
                thread.start();
            }
            lock.notifyAll();
        }
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = thread;
            lock.notifyAll();
        }
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config)) {
            consumer = c;
            Set<String> missing = new HashSet<>();
            long nextLook = 0;
            while (true) {
                boolean look;
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    long wait = missing.isEmpty() ? 0 : Math.max(1, (nextLook - System.nanoTime()) / 1_000_000);
                    look = changed || !missing.isEmpty() && System.nanoTime() >= nextLook;
                    changed = false;
                    if (!look && c.assignment().isEmpty()) {
                        // nothing to read: sleep until a page opens (or a missing inbox is due for a look)
                        lock.wait(wait);
                        continue;
                    }
                }
                try {
                    if (look) {
                        reassign(c, missing);
                        nextLook = System.nanoTime() + MISSING_RECHECK.toNanos();
                    }
                    if (!c.assignment().isEmpty()) {
                        for (ConsumerRecord<String, String> r : c.poll(missing.isEmpty() ? POLL : MISSING_RECHECK)) {
                            sink.accept(r);
                        }
                    }
                } catch (WakeupException e) {
                    // a page opened or closed, or the console stops: look at the wanted set again
                } catch (RuntimeException e) {
                    LOG.warnf("unit inboxes: %s; trying again in 5 s", e.toString());
                    synchronized (lock) {
                        changed = true;
                        if (!closed) {
                            lock.wait(5_000);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer = null;
        }
    }

    /** Partitions sought to their follower's moment (touched by the follower's thread only). */
    private final Set<TopicPartition> positioned = new HashSet<>();

    /** Assigns the wanted topics' partitions; new ones start at their follower's moment. */
    private void reassign(KafkaConsumer<String, String> c, Set<String> missing) {
        Map<String, Instant> want = Map.copyOf(wanted);
        List<TopicPartition> keep = new ArrayList<>();
        Set<String> held = new HashSet<>();
        Set<String> unpositioned = new HashSet<>();
        for (TopicPartition tp : c.assignment()) {
            if (!want.containsKey(tp.topic())) {
                continue;
            }
            if (positioned.contains(tp)) {
                keep.add(tp);
                held.add(tp.topic());
            } else {
                unpositioned.add(tp.topic()); // an earlier look was interrupted before its seek: seek again
            }
        }
        held.removeAll(unpositioned);
        keep.removeIf(tp -> unpositioned.contains(tp.topic()));
        Map<TopicPartition, Long> fresh = new HashMap<>();
        missing.clear();
        for (Map.Entry<String, Instant> e : want.entrySet()) {
            if (held.contains(e.getKey())) {
                continue;
            }
            List<PartitionInfo> partitions = c.partitionsFor(e.getKey(), LOOKUP);
            if (partitions == null || partitions.isEmpty()) {
                missing.add(e.getKey());
                continue;
            }
            for (PartitionInfo p : partitions) {
                fresh.put(new TopicPartition(p.topic(), p.partition()), e.getValue().toEpochMilli());
            }
        }
        if (fresh.isEmpty() && keep.size() == c.assignment().size()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(keep);
        all.addAll(fresh.keySet());
        c.assign(all);
        positioned.retainAll(keep);
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> at = c.offsetsForTimes(fresh, LOOKUP);
        for (TopicPartition tp : fresh.keySet()) {
            OffsetAndTimestamp o = at.get(tp);
            if (o != null) {
                c.seek(tp, o.offset());
            } else {
                c.seekToEnd(List.of(tp));
                c.position(tp, LOOKUP); // pin "the end" now, not at the first fetch
            }
            positioned.add(tp); // only now: a wake-up or time-out before this leaves it to be sought next time
        }
    }
}
