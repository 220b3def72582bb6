-- intake-service's own database: the cases it accepted and their timeline.

CREATE SEQUENCE case_number_seq;

CREATE TABLE intake_case (
    case_id          varchar(40) PRIMARY KEY,
    external_id      varchar(100) NOT NULL UNIQUE,   -- the caller's id (e.g. the call id): intake is idempotent on it
    channel          varchar(20)  NOT NULL,
    received_at      timestamptz  NOT NULL,
    accepted_at      timestamptz  NOT NULL DEFAULT now(),
    appeal_type      varchar(20)  NOT NULL,
    category_code    varchar(60)  NOT NULL,
    category_source  varchar(20)  NOT NULL,
    urgency          varchar(20)  NOT NULL,
    urgency_source   varchar(20)  NOT NULL,
    citizen_name     varchar(100),
    citizen_phone    varchar(40),
    anonymous        boolean      NOT NULL,
    confidential     boolean      NOT NULL,
    district_code    varchar(20)  NOT NULL,
    street_code      varchar(20)  NOT NULL,
    community        varchar(200),
    address          varchar(500),
    latitude         double precision,
    longitude        double precision,
    content          text         NOT NULL,
    attachments      text,
    status           varchar(30)  NOT NULL,
    unit_code        varchar(64),
    updated_at       timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE case_timeline (
    id              bigserial PRIMARY KEY,
    case_id         varchar(40)  NOT NULL REFERENCES intake_case (case_id),
    at              timestamptz  NOT NULL,
    kind            varchar(60)  NOT NULL,
    summary         text         NOT NULL,
    unit_code       varchar(64),
    source_event_id varchar(200) UNIQUE
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, at);
