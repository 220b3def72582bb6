package io.jiesu.dispatch.inbox;

import io.jiesu.contract.Topics;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.kafka.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates {@code unit.<unitCode>.inbox} and {@code unit.<unitCode>.commands} for every unit of the reference data, so
 * a department system can subscribe (and write commands) before its first work order and production brokers can keep
 * topic auto-creation off. One partition each: a unit's stream stays in order.
 */
@ApplicationScoped
public class InboxTopics {
    @Inject
    TopicProvisioner provisioner;
    @ConfigProperty(name = "jiesu.dispatch.inbox-partitions", defaultValue = "1")
    int partitions;

    void onStart(@Observes StartupEvent event) {
        provisioner.ensure(ReferenceData.get().units().stream()
                .flatMap(u -> java.util.stream.Stream.of(Topics.unitInbox(u.code()), Topics.unitCommands(u.code())))
                .toList(), partitions);
    }
}
