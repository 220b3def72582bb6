-- The platform kit's own tables (jiesu-platform). Version 0.x is reserved for the kit; services number from 1.

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka in seq order
-- and deleted once the broker acknowledged. id is the event's ce_id.
CREATE TABLE outbox_event (
    id          uuid PRIMARY KEY,
    seq         bigserial   NOT NULL UNIQUE,
    topic       varchar(249) NOT NULL,
    message_key varchar(200),
    ce_type     varchar(120) NOT NULL,
    ce_source   varchar(200) NOT NULL,
    ce_subject  varchar(200),
    ce_time     timestamptz NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotent consumption: one row per (consumer, ce_id), written in the consumer's own transaction.
CREATE TABLE processed_event (
    consumer     varchar(100) NOT NULL,
    event_id     varchar(200) NOT NULL,
    event_type   varchar(120),
    processed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
