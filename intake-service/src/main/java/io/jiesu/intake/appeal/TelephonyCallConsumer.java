package io.jiesu.intake.appeal;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.TelephonyCall;
import io.jiesu.platform.consumer.BatchBudget;
import io.jiesu.platform.consumer.ConsumerProgress;
import io.jiesu.platform.consumer.DeadLetters;
import io.jiesu.platform.consumer.IdempotentConsumer;
import io.jiesu.platform.consumer.PoisonMessageException;
import io.jiesu.platform.consumer.StatementTimeout;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Appeal intake over Kafka: {@code telephony.calls} records ({@code jiesu.telephony.call.v1}) go through the same
 * checks and the same idempotent intake as {@code POST /api/v1/appeals} — de-duplicated on {@code externalId}, so
 * the telephony system's own retries and redeliveries create one case. A record that can never become an appeal
 * goes to {@code telephony.calls.dlq} with the reason; the partition moves on.
 */
@ApplicationScoped
public class TelephonyCallConsumer {
    private static final Logger LOG = Logger.getLogger(TelephonyCallConsumer.class);
    static final String CONSUMER = "intake-telephony-calls";

    @Inject
    AppealService appeals;
    @Inject
    Validator validator;
    @Inject
    IdempotentConsumer consumer;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ConsumerProgress progress;
    @Inject
    StatementTimeout statements;
    @ConfigProperty(name = "jiesu.consumer.batch-timeout", defaultValue = "PT60S")
    Duration batchTimeout;
    @ConfigProperty(name = "jiesu.consumer.record-timeout", defaultValue = "PT15S")
    Duration recordTimeout;

    private BatchBudget budget;

    @PostConstruct
    void checkBudgets() {
        budget = new BatchBudget(batchTimeout, recordTimeout); // once, and a wrong pair fails the start
    }

    /**
     * One poll's calls in one transaction — at a peak the commit per call was most of intake's cost on this path.
     * A call that cannot be read goes to the dead letters first. A batch that fails (a call with an unknown code, a
     * database blip, a statement past the time budget) is halved, never retried whole: each half with half the
     * budget ({@link BatchBudget}), so a bad or slow call ends up alone; it is set aside until the rest of the poll
     * is in, then taken with retries and back-off, and dead-lettered only if it keeps failing. Idempotent on
     * externalId either way.
     */
    @Incoming("telephony-calls")
    @Blocking
    public void onCalls(ConsumerRecords<String, String> records) {
        List<Call> calls = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                calls.add(new Call(record, toAppeal(record)));
            } catch (PoisonMessageException poison) {
                deadLetters.send(CONSUMER, record, poison);
            }
        }
        if (calls.isEmpty()) {
            return;
        }
        progress.started(CONSUMER);
        List<Call> setAside = new ArrayList<>();
        applyPart(calls, budget.batchTimeout(), setAside);
        for (Call call : setAside) {
            try {
                consumer.withRetries(CONSUMER, "telephony call " + call.appeal().externalId(),
                        () -> inTransaction(List.of(call), budget.recordTimeout()));
            } catch (RuntimeException failed) {
                deadLetters.send(CONSUMER, call.record(), failed);
            }
            progress.progressed(CONSUMER);
        }
        progress.finished(CONSUMER);
    }

    private void applyPart(List<Call> part, Duration timeout, List<Call> setAside) {
        try {
            inTransaction(part, part.size() == 1 ? budget.recordTimeout() : timeout);
            progress.progressed(CONSUMER);
        } catch (RuntimeException e) {
            progress.failed(CONSUMER, e);
            if (part.size() == 1) {
                LOG.infof("telephony call %s failed alone (%s); taken again after the rest of the poll",
                        part.get(0).appeal().externalId(), e.toString());
                setAside.add(part.get(0));
                return;
            }
            LOG.infof("a batch of %d telephony calls failed in %s (%s); splitting it in halves", part.size(), timeout,
                    e.toString());
            for (List<Call> half : BatchBudget.halves(part)) {
                applyPart(half, budget.halfOf(timeout), setAside);
            }
        }
    }

    /** The calls in one transaction; PostgreSQL cancels a statement (or lock wait) past the budget. */
    private int inTransaction(List<Call> part, Duration timeout) {
        return QuarkusTransaction.requiringNew().timeout(BatchBudget.seconds(timeout)).call(() -> {
            statements.limit(timeout);
            part.forEach(call -> accept(call.appeal()));
            return part.size();
        });
    }

    private record Call(ConsumerRecord<String, String> record, AppealRequest appeal) {
    }

    private AppealService.Accepted accept(AppealRequest appeal) {
        try {
            AppealService.Accepted accepted = appeals.accept(appeal);
            LOG.debugf("telephony call %s → case %s (%s)", appeal.externalId(), accepted.kase().caseId,
                    accepted.created() ? "new" : "seen before");
            return accepted;
        } catch (ProblemException e) {
            throw new PoisonMessageException("call " + appeal.externalId() + " rejected: " + e.getMessage(), e);
        }
    }

    AppealRequest toAppeal(ConsumerRecord<String, String> record) {
        var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type != null && !EventCatalog.TELEPHONY_CALL.type().equals(new String(type.value(), StandardCharsets.UTF_8))) {
            throw new PoisonMessageException("ce_type " + new String(type.value(), StandardCharsets.UTF_8)
                    + " is not " + EventCatalog.TELEPHONY_CALL.type());
        }
        if (record.value() == null) {
            throw new PoisonMessageException("record has no value");
        }
        TelephonyCall call;
        try {
            call = Json.mapper().readValue(record.value(), TelephonyCall.class);
        } catch (Exception e) {
            throw new PoisonMessageException("not a jiesu.telephony.call.v1 JSON document: " + e.getMessage(), e);
        }
        AppealRequest appeal = AppealRequest.from(call);
        Set<ConstraintViolation<AppealRequest>> violations = validator.validate(appeal);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
            throw new PoisonMessageException("invalid call " + call.externalId() + ": " + errors.stream()
                    .map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        }
        return appeal;
    }
}
