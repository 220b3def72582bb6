package io.jiesu.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.tracing.EventTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events the only safe way from inside a state change: as rows of {@code outbox_event} in the caller's
 * transaction. {@link OutboxRelay} sends them to Kafka after the commit; a rollback takes them back with the change.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    EntityManager em;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    OutboxRelay relay;
    @Inject
    EventTracing tracing;
    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    /**
     * Adds one event to the current transaction's outbox.
     *
     * @param type    the contract event type; its topic is used unless {@code topic} overrides it (unit inboxes)
     * @param topic   the concrete topic, or null for the type's own topic
     * @param caseId  record key and {@code ce_subject}
     * @param time    {@code ce_time}: when the change happened
     * @return the new event's {@code ce_id}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> String publish(EventType<T> type, String topic, String caseId, Instant time, T data) {
        String target = topic != null ? topic : type.topic();
        if (target.contains("{")) {
            throw new IllegalArgumentException(type.type() + " goes to a per-unit topic; name it with Topics.unitInbox");
        }
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type.type() + " carries " + type.dataClass().getSimpleName());
        }
        String id = UUID.randomUUID().toString();
        String payload;
        try {
            payload = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type.type(), e);
        }
        // The relay sends later on its own thread: keep the trace this change happened in with the row.
        Map<String, String> trace = tracing.currentContext();
        // The insert touches outbox_event only: naming it keeps Hibernate from flushing the whole session first.
        NativeSql.on(em, "outbox_event").query("""
                INSERT INTO outbox_event (id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload,
                                          trace_parent, trace_state)
                VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS varchar), CAST(?10 AS varchar))""")
                .setParameter(1, id).setParameter(2, target).setParameter(3, caseId)
                .setParameter(4, type.type()).setParameter(5, "/jiesu/" + serviceName)
                .setParameter(6, caseId).setParameter(7, time).setParameter(8, payload)
                .setParameter(9, trace.get(EventTracing.TRACEPARENT))
                .setParameter(10, trace.get(EventTracing.TRACESTATE))
                .executeUpdate();
        wakeRelayAfterCommit();
        return id;
    }

    /** Publishes on the event type's own topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> String publish(EventType<T> type, String caseId, Instant time, T data) {
        return publish(type, null, caseId, time, data);
    }

    /** Publishes to one unit's inbox ({@code unit.<unitCode>.inbox}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> String publishToUnit(EventType<T> type, String unitCode, String caseId, Instant time, T data) {
        return publish(type, Topics.unitInbox(unitCode), caseId, time, data);
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(Outbox.class) != null) {
            return; // already registered for this transaction
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
