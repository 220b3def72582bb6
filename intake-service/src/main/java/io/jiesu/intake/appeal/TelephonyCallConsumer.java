package io.jiesu.intake.appeal;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.TelephonyCall;
import io.jiesu.platform.consumer.IdempotentConsumer;
import io.jiesu.platform.consumer.PoisonMessageException;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
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

    @Inject
    AppealService appeals;
    @Inject
    Validator validator;
    @Inject
    IdempotentConsumer consumer;

    @Incoming("telephony-calls")
    @Blocking
    public void onCall(ConsumerRecord<String, String> record) {
        AppealRequest appeal = toAppeal(record);
        consumer.withRetries("intake-telephony-calls", "telephony call " + appeal.externalId(), () -> {
            try {
                AppealService.Accepted accepted = appeals.accept(appeal);
                LOG.debugf("telephony call %s → case %s (%s)", appeal.externalId(), accepted.kase().caseId,
                        accepted.created() ? "new" : "seen before");
                return accepted;
            } catch (ProblemException e) {
                throw new PoisonMessageException("call " + appeal.externalId() + " rejected: " + e.getMessage(), e);
            }
        });
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
