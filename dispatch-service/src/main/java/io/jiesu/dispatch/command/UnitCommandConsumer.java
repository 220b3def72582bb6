package io.jiesu.dispatch.command;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.workorder.Actor;
import io.jiesu.dispatch.workorder.WorkOrderActions;
import io.jiesu.platform.consumer.IdempotentConsumer;
import io.jiesu.platform.consumer.IncomingEvent;
import io.jiesu.platform.consumer.PoisonMessageException;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Department systems act on their work orders over Kafka: each unit writes CloudEvents ({@code jiesu.command.*.v1})
 * to its own {@code unit.<unitCode>.commands} topic, which only its credentials may write — the unit is the topic's.
 * A command runs exactly the REST action (same checks), once per {@code ce_id}. A refused command (not the unit's
 * order, illegal transition, invalid data) is answered on the unit's inbox with a COMMAND_REJECTED notice naming
 * the command's {@code ce_id}; unreadable records go to the dead-letter topic.
 */
@ApplicationScoped
public class UnitCommandConsumer {
    private static final Logger LOG = Logger.getLogger(UnitCommandConsumer.class);
    private static final Pattern TOPIC = Pattern.compile("unit\\.([A-Za-z0-9_-]{1,64})\\.commands");

    @Inject
    IdempotentConsumer consumer;
    @Inject
    WorkOrderActions actions;
    @Inject
    Outbox outbox;

    @Incoming("unit-commands")
    @Blocking
    public void onCommand(ConsumerRecord<String, String> record) {
        Matcher m = TOPIC.matcher(record.topic());
        if (!m.matches() || ReferenceData.get().unit(m.group(1)).isEmpty()) {
            throw new PoisonMessageException("not a unit command topic: " + record.topic());
        }
        String unit = m.group(1);
        consumer.consume("dispatch-unit-commands", record, event -> handle(unit, event));
    }

    void handle(String unit, IncomingEvent event) {
        Actor actor = new Actor(unit, "kafka:" + (event.source() == null ? unit : event.source()));
        String caseId = event.subject() != null ? event.subject() : event.key();
        try {
            if (event.is(EventCatalog.COMMAND_SIGN)) {
                var c = event.data(EventCatalog.COMMAND_SIGN);
                actions.sign(caseId(c.caseId(), caseId), actor, c);
            } else if (event.is(EventCatalog.COMMAND_CONTACT)) {
                var c = event.data(EventCatalog.COMMAND_CONTACT);
                actions.contact(caseId(c.caseId(), caseId), actor, c);
            } else if (event.is(EventCatalog.COMMAND_PROGRESS)) {
                var c = event.data(EventCatalog.COMMAND_PROGRESS);
                actions.progress(caseId(c.caseId(), caseId), actor, c);
            } else if (event.is(EventCatalog.COMMAND_RETURN)) {
                var c = event.data(EventCatalog.COMMAND_RETURN);
                actions.requestReturn(caseId(c.caseId(), caseId), actor, c);
            } else if (event.is(EventCatalog.COMMAND_EXTENSION)) {
                var c = event.data(EventCatalog.COMMAND_EXTENSION);
                actions.requestExtension(caseId(c.caseId(), caseId), actor, c);
            } else if (event.is(EventCatalog.COMMAND_COMPLETE_V2)) {
                var c = event.data(EventCatalog.COMMAND_COMPLETE_V2);
                actions.complete(caseId(c.caseId(), caseId), actor, c);
            } else if (event.is(EventCatalog.COMMAND_COMPLETE)) {
                var c = event.data(EventCatalog.COMMAND_COMPLETE);
                actions.complete(caseId(c.caseId(), caseId), actor, c);
            } else {
                throw new ProblemException(400, "Unknown command", "ce_type " + event.type()
                        + " is not a command; use one of jiesu.command.{sign,contact,progress,return,extension}.v1, "
                        + "jiesu.command.complete.v2 (or .v1)");
            }
        } catch (ProblemException e) {
            reject(unit, caseId, event, e);
        }
    }

    private static String caseId(String inData, String inHeaders) {
        if (inData == null || inData.isBlank()) {
            throw ProblemException.unprocessable("caseId: required in the command data");
        }
        return inData;
    }

    private void reject(String unit, String caseId, IncomingEvent event, ProblemException e) {
        LOG.infof("command %s %s from unit %s refused: %s", event.type(), event.id(), unit, e.getMessage());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("commandId", event.id());
        details.put("commandType", event.type());
        details.put("status", String.valueOf(e.status()));
        e.extensions().forEach((k, v) -> details.put(k, String.valueOf(v)));
        Instant now = Instant.now();
        String key = caseId == null ? event.id() : caseId;
        outbox.publish(EventCatalog.INBOX_NOTICE, Topics.unitInbox(unit), key, now, new InboxNotice(caseId, unit,
                Enums.NoticeKind.COMMAND_REJECTED, now, e.getMessage(), details));
    }
}
