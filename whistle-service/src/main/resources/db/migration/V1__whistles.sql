-- whistle-service's own database.

-- Who leads each case, learned from case.dispatch (a local copy; never dispatch's tables).
CREATE TABLE case_lead (
    case_id    varchar(40) PRIMARY KEY,
    unit_code  varchar(64) NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Report-in time limits and escalation steps as data (DOMAIN.md: 30 minutes when urgent, 24 hours otherwise).
-- After the report-in deadline the whistle escalates to the district; after district_escalation_seconds more, to
-- the city.
CREATE TABLE report_in_policy (
    urgency                     varchar(20) PRIMARY KEY,
    report_in_seconds           integer NOT NULL CHECK (report_in_seconds > 0),
    district_escalation_seconds integer NOT NULL CHECK (district_escalation_seconds > 0),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO report_in_policy (urgency, report_in_seconds, district_escalation_seconds) VALUES
    ('URGENT', 1800, 3600),
    ('NORMAL', 86400, 86400);

CREATE TABLE whistle (
    whistle_id        varchar(40) PRIMARY KEY,
    case_id           varchar(40),
    lead_unit_code    varchar(64)  NOT NULL,
    matter            text         NOT NULL,
    reason            text         NOT NULL,
    district_code     varchar(20)  NOT NULL,
    street_code       varchar(20)  NOT NULL,
    address           varchar(500),
    urgency           varchar(20)  NOT NULL,
    status            varchar(30)  NOT NULL,
    escalation_level  varchar(20),
    blown_at          timestamptz  NOT NULL,
    report_deadline   timestamptz  NOT NULL,
    closed_at         timestamptz,
    outcome           text,
    version           integer      NOT NULL DEFAULT 0
);
CREATE INDEX whistle_case ON whistle (case_id);
CREATE INDEX whistle_lead ON whistle (lead_unit_code, blown_at);

CREATE TABLE summons (
    whistle_id         varchar(40) NOT NULL REFERENCES whistle (whistle_id),
    unit_code          varchar(64) NOT NULL,
    summoned_at        timestamptz NOT NULL,
    report_deadline    timestamptz NOT NULL,
    reported_at        timestamptz,
    responsible_person varchar(100),
    commitment         text,
    late               boolean,
    PRIMARY KEY (whistle_id, unit_code)
);
CREATE INDEX summons_unit ON summons (unit_code, summoned_at);

CREATE SEQUENCE whistle_number_seq;
