package io.jiesu.contract;

import java.time.Instant;

/**
 * A CloudEvent as the services see it: the context attributes of the {@code ce_*} headers and the decoded data.
 *
 * @param id      {@code ce_id}: unique per event, what consumers de-duplicate on
 * @param source  {@code ce_source}: the writing service, e.g. {@code /jiesu/intake-service}
 * @param type    {@code ce_type}: {@code jiesu.<stream>.<event>.v<N>}
 * @param time    {@code ce_time}: when the state change happened
 * @param subject {@code ce_subject}: the case id (also the record key)
 * @param data    the event data
 */
public record EventEnvelope<T>(String id, String source, String type, Instant time, String subject, T data) {
}
