-- The trace an outbox event was written in (W3C trace context), put back on the Kafka record by the relay so that a
-- case's path across services is one trace. Null when nothing was traced.
ALTER TABLE outbox_event
    ADD COLUMN trace_parent varchar(64),
    ADD COLUMN trace_state  varchar(512);
