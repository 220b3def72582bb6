package io.jiesu.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Carries one case's trace across Kafka: W3C {@code traceparent}/{@code tracestate} record headers.
 *
 * <p>The outbox relay sends rows long after the transaction that wrote them, on its own thread, so the trace context
 * is captured when the row is written ({@link #currentContext()}, stored with the row) and put back on the record by
 * the relay ({@link #addHeaders}). A consumer continues the trace of the record it handles ({@link #inConsumerSpan}):
 * whatever it publishes in that span carries the same trace, so an appeal's path from the intake request to the
 * unit's inbox is one trace.
 */
@ApplicationScoped
public class EventTracing {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<ConsumerRecord<String, String>> RECORD_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<String, String> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<String, String> record, String key) {
            if (record == null) {
                return null;
            }
            Header header = record.headers().lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    @Inject
    OpenTelemetry openTelemetry;

    private Tracer tracer;

    private Tracer tracer() {
        if (tracer == null) {
            tracer = openTelemetry.getTracer("io.jiesu.platform");
        }
        return tracer;
    }

    /** The current trace as W3C headers (empty when nothing is being traced). */
    public Map<String, String> currentContext() {
        Map<String, String> carrier = new HashMap<>(2);
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** Puts a stored trace context back on an outgoing record. */
    public static void addHeaders(ProducerRecord<String, String> record, String traceparent, String tracestate) {
        if (traceparent != null && !traceparent.isBlank()) {
            record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            if (tracestate != null && !tracestate.isBlank()) {
                record.headers().add(TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Runs {@code work} in a CONSUMER span that continues the record's trace (a new trace when the record carries
     * none, e.g. from a department system).
     */
    public <T> T inConsumerSpan(String consumer, ConsumerRecord<String, String> record, String eventType,
            String eventId, Callable<T> work) throws Exception {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), record, RECORD_HEADERS);
        Span span = tracer().spanBuilder(record.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", eventId == null ? "" : eventId)
                .setAttribute("messaging.kafka.message.key", record.key() == null ? "" : record.key())
                .setAttribute("messaging.kafka.destination.partition", record.partition())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("cloudevents.event_type", eventType == null ? "" : eventType)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.call();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
