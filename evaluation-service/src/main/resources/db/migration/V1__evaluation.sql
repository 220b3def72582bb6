-- evaluation-service's own database: what it learned from the other services' events, its visits and
-- objections, the versioned evaluation schemes and every published revision of the scores.

-- One row per case, built from case.intake and case.dispatch. The case counts for completion_unit in period
-- (YYYY-MM of completion, Beijing time): the lead at completion, so an approved return never counts against the
-- unit that returned it.
CREATE TABLE eval_case (
    case_id           varchar(40) PRIMARY KEY,
    appeal_type       varchar(20),
    category_code     varchar(60),
    district_code     varchar(20),
    street_code       varchar(20),
    received_at       timestamptz,
    answered_directly boolean     NOT NULL DEFAULT false,
    unit_code         varchar(64),
    contact_deadline  timestamptz,
    contacted_at      timestamptz,
    contacted_late    boolean,
    completed_at      timestamptz,
    completion_unit   varchar(64),
    outcome           varchar(20),
    period            varchar(7),
    visit_id          varchar(40),
    excluded          boolean     NOT NULL DEFAULT false
);
CREATE INDEX eval_case_period ON eval_case (period, completion_unit);

-- Return visits (回访): every result is kept; eval_case.visit_id names the one that counts (the latest).
CREATE TABLE visit (
    visit_id          varchar(40) PRIMARY KEY,
    case_id           varchar(40) NOT NULL REFERENCES eval_case (case_id),
    visited_at        timestamptz NOT NULL,
    reached           boolean     NOT NULL,
    contacted_in_time boolean,
    resolution        varchar(20),
    satisfaction      varchar(30),
    comment           text,
    recorded_at       timestamptz NOT NULL,
    recorded_by       varchar(100)
);
CREATE INDEX visit_case ON visit (case_id, recorded_at);

-- Objections (申诉, 容错纠错): at most one pending or accepted objection per case.
CREATE TABLE objection (
    objection_id varchar(40) PRIMARY KEY,
    case_id      varchar(40)  NOT NULL REFERENCES eval_case (case_id),
    unit_code    varchar(64)  NOT NULL,
    reason       varchar(30)  NOT NULL,
    statement    text         NOT NULL,
    evidence     text,
    status       varchar(20)  NOT NULL,
    filed_at     timestamptz  NOT NULL,
    filed_by     varchar(100),
    decided_at   timestamptz,
    reviewer     varchar(100),
    comment      text
);
CREATE UNIQUE INDEX objection_open_per_case ON objection (case_id) WHERE status IN ('PENDING', 'ACCEPTED');

-- Whistle attendance per department and month, from case.whistle.
CREATE TABLE whistle_attendance (
    period     varchar(7)  NOT NULL,
    unit_code  varchar(64) NOT NULL,
    received   integer     NOT NULL,
    in_time    integer     NOT NULL,
    late       integer     NOT NULL,
    missed     integer     NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (period, unit_code)
);

-- Evaluation schemes: versioned; the scheme of a month is the one with the latest effective_from <= that month.
CREATE TABLE evaluation_scheme (
    version                     varchar(40) PRIMARY KEY,
    effective_from              varchar(7)   NOT NULL UNIQUE,
    response_weight             numeric(5,4) NOT NULL,
    resolution_weight           numeric(5,4) NOT NULL,
    satisfaction_weight         numeric(5,4) NOT NULL,
    partly_resolved_credit      numeric(5,4) NOT NULL,
    basically_satisfied_credit  numeric(5,4) NOT NULL,
    attendance_weight           numeric(5,4) NOT NULL,
    late_report_credit          numeric(5,4) NOT NULL,
    min_volume                  integer      NOT NULL,
    governance_bottom_n         integer      NOT NULL,
    description                 varchar(500) NOT NULL,
    created_at                  timestamptz  NOT NULL DEFAULT now(),
    CHECK (abs(response_weight + resolution_weight + satisfaction_weight - 1) < 0.0001)
);
-- A published local scheme: response 30 %, resolution 35 %, satisfaction 35 %.
INSERT INTO evaluation_scheme VALUES ('2026-v1', '2026-01', 0.30, 0.35, 0.35, 0.5, 0.8, 0.10, 0.5, 5, 3,
    'response 30%, resolution 35%, satisfaction 35%; partly resolved 0.5, basically satisfied 0.8; departments: '
    'whistle attendance 10% of the composite (late report-in 0.5); ranked from 5 cases; bottom 3 streets/towns '
    'are governance-type', now());

CREATE TABLE score_revision (
    period             varchar(7)  NOT NULL,
    revision           integer     NOT NULL,
    scheme_version     varchar(40) NOT NULL,
    computed_at        timestamptz NOT NULL,
    reason             varchar(500),
    governance_units   text        NOT NULL,
    governance_rule    varchar(500) NOT NULL,
    PRIMARY KEY (period, revision)
);

CREATE TABLE score (
    period            varchar(7)   NOT NULL,
    revision          integer      NOT NULL,
    peer_group        varchar(20)  NOT NULL,
    unit_code         varchar(64)  NOT NULL,
    cases             integer      NOT NULL,
    response_rate     double precision NOT NULL,
    resolution_rate   double precision NOT NULL,
    satisfaction_rate double precision NOT NULL,
    attendance_rate   double precision,
    composite         double precision NOT NULL,
    rank              integer,
    PRIMARY KEY (period, revision, peer_group, unit_code),
    FOREIGN KEY (period, revision) REFERENCES score_revision (period, revision)
);
