-- dispatch-service's own database.

-- The responsibility list (职责清单) as data: a rule matches on category and/or area; the most specific match wins
-- (street/town over district over city-wide; a category rule over an area-only rule). target LOCATION_STREET sends
-- the order to the street/town of the appeal's location (属地); target UNIT to unit_code.
CREATE TABLE routing_rule (
    id            varchar(60) PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 1,
    category_code varchar(60),
    district_code varchar(20),
    street_code   varchar(20),
    target        varchar(20)  NOT NULL CHECK (target IN ('LOCATION_STREET', 'UNIT')),
    unit_code     varchar(64),
    description   varchar(300) NOT NULL,
    active        boolean      NOT NULL DEFAULT true,
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CHECK (target <> 'UNIT' OR unit_code IS NOT NULL)
);
INSERT INTO routing_rule (id, target, description)
VALUES ('territorial-default', 'LOCATION_STREET', '属地: the street/town of the location');

-- Time limits as data (DOMAIN.md defaults). The matching row with the highest priority applies.
CREATE TABLE time_limit_policy (
    id                 varchar(60) PRIMARY KEY,
    urgency            varchar(20),
    appeal_type        varchar(20),
    priority           integer NOT NULL,
    sign_for_minutes   integer NOT NULL CHECK (sign_for_minutes > 0),
    contact_minutes    integer NOT NULL CHECK (contact_minutes > 0),
    completion_minutes integer NOT NULL CHECK (completion_minutes > 0),
    description        varchar(300) NOT NULL
);
INSERT INTO time_limit_policy VALUES
    ('urgent', 'URGENT', NULL, 30, 120, 60, 1440, 'urgent: sign for within 2 h, contact within 1 h, resolve within 24 h'),
    ('consultation', NULL, 'CONSULTATION', 20, 120, 1440, 4320, 'consultation: answered within 3 days'),
    ('ordinary', NULL, NULL, 0, 120, 1440, 10080, 'ordinary: sign for within 2 h, contact within 24 h, resolve within 7 days');

CREATE TABLE work_order (
    case_id             varchar(40) PRIMARY KEY,
    unit_code           varchar(64),
    status              varchar(40)  NOT NULL,
    mode                varchar(20),
    rule_id             varchar(60),
    rule_description    varchar(300),
    received_at         timestamptz  NOT NULL,
    dispatched_at       timestamptz,
    sign_for_deadline   timestamptz,
    contact_deadline    timestamptz,
    completion_deadline timestamptz,
    urgency             varchar(20)  NOT NULL,
    appeal_type         varchar(20)  NOT NULL,
    category_code       varchar(60)  NOT NULL,
    district_code       varchar(20)  NOT NULL,
    street_code         varchar(20)  NOT NULL,
    content             text         NOT NULL,
    version             integer      NOT NULL DEFAULT 0,
    updated_at          timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX work_order_unit ON work_order (unit_code, status);
