package io.jiesu.platform.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics a service writes (and their dead-letter topics) at start-up, with the configured partition
 * count, instead of relying on broker auto-creation (off in production). Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** Topics this service writes or reads and wants present, comma separated. */
    @ConfigProperty(name = "jiesu.kafka.topics")
    Optional<List<String>> topics;
    /**
     * Partitions of a new topic. Default 6: enough for a few instances of a consumer group to share the load on
     * one case stream, small enough for a one-machine broker.
     */
    @ConfigProperty(name = "jiesu.kafka.partitions", defaultValue = "6")
    int partitions;
    /** Replicas of a new topic: 1 on the single local broker; 3 on a three-broker cluster ({@code up --brokers 3}). */
    @ConfigProperty(name = "jiesu.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;
    /**
     * {@code min.insync.replicas} of a new topic, unset: the broker's default. With 3 replicas, 2: an {@code acks=all}
     * write survives the loss of any one broker and is refused (not silently under-replicated) after two.
     */
    @ConfigProperty(name = "jiesu.kafka.min-insync-replicas")
    Optional<Integer> minInsyncReplicas;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        topics.ifPresent(names -> ensure(names, partitions));
    }

    /** Creates those of {@code names} that do not exist yet. */
    public void ensure(Collection<String> names, int partitionCount) {
        if (names.isEmpty()) {
            return;
        }
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.keySet().removeIf(k -> k.contains("serializer") || k.startsWith("group."));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(existing);
            if (missing.isEmpty()) {
                return;
            }
            List<NewTopic> create = missing.stream()
                    .map(n -> withMinIsr(new NewTopic(n, partitionCount, replicationFactor))).toList();
            admin.createTopics(create).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("could not create topic %s: %s", name, e.getCause().toString());
                    }
                } catch (Exception e) {
                    LOG.warnf("could not create topic %s: %s", name, e.toString());
                }
            });
            LOG.infof("created topics %s (%d partitions, replication factor %d)", missing, partitionCount,
                    replicationFactor);
        } catch (Exception e) {
            LOG.warnf("topic provisioning skipped: %s", e.toString());
        }
    }

    private NewTopic withMinIsr(NewTopic topic) {
        minInsyncReplicas.ifPresent(n -> topic.configs(Map.of("min.insync.replicas", Integer.toString(n))));
        return topic;
    }
}
