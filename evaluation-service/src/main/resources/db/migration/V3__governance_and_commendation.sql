-- Governance-type streets/towns over several months, the commendation list (激励) and the measures taken for a
-- listed street/town (督办/帮扶/约谈) — issue 17 points 7 and 8.

-- The rules, as scheme data. Null: the rule of schemes before (bottom N of the month alone; no commendations).
ALTER TABLE evaluation_scheme ADD COLUMN governance_in_months           integer;
ALTER TABLE evaluation_scheme ADD COLUMN governance_of_last_months      integer;
ALTER TABLE evaluation_scheme ADD COLUMN governance_appeals_per_10k     numeric(8,3);
ALTER TABLE evaluation_scheme ADD COLUMN commendation_top_n             integer;
ALTER TABLE evaluation_scheme ADD COLUMN commendation_min_cases         integer;
ALTER TABLE evaluation_scheme ADD COLUMN commendation_min_composite     numeric(6,2);
ALTER TABLE evaluation_scheme ADD COLUMN commendation_not_on_governance boolean;
ALTER TABLE evaluation_scheme ADD CONSTRAINT evaluation_scheme_governance_window
    CHECK (governance_in_months IS NULL OR governance_of_last_months IS NULL
           OR (governance_in_months >= 1 AND governance_of_last_months BETWEEN governance_in_months AND 12));

-- Published schemes are never edited: 2027-v1 (published at start-up) stays; 2027-v2 is 2027-v1 plus the new rules,
-- effective from 2027-02 (effective months are unique). No per-resident threshold: the reference data has the 2020
-- population of districts only, not of streets/towns.
INSERT INTO evaluation_scheme (version, effective_from, response_weight, resolution_weight, satisfaction_weight,
    partly_resolved_credit, basically_satisfied_credit, attendance_weight, late_report_credit, min_volume,
    governance_bottom_n, description, created_at, sign_for_share, overdue_mark_points, open_overdue_unresponded,
    open_overdue_dissatisfied, outcome_resolved_credit, outcome_partly_credit, outcome_conditions_credit,
    outcome_explained_credit, outcome_cannot_solve_credit, reopen_resolutions, reopen_satisfactions, visit_due_hours,
    governance_in_months, governance_of_last_months, commendation_top_n, commendation_min_cases,
    commendation_min_composite, commendation_not_on_governance)
SELECT '2027-v2', '2027-02', response_weight, resolution_weight, satisfaction_weight, partly_resolved_credit,
    basically_satisfied_credit, attendance_weight, late_report_credit, min_volume, governance_bottom_n,
    '2027-v1 plus: governance-type = bottom 3 streets/towns in 2 of the last 3 months; commended (激励) = top 3 per '
    'peer group with at least 20 cases and a composite of at least 90, not governance-type', now(), sign_for_share,
    overdue_mark_points, open_overdue_unresponded, open_overdue_dissatisfied, outcome_resolved_credit,
    outcome_partly_credit, outcome_conditions_credit, outcome_explained_credit, outcome_cannot_solve_credit,
    reopen_resolutions, reopen_satisfactions, visit_due_hours, 2, 3, 3, 20, 90, true
FROM evaluation_scheme WHERE version = '2027-v1';

-- Why each street/town is on a revision's governance list (score_revision.governance_units keeps the codes).
CREATE TABLE governance_entry (
    period          varchar(7)   NOT NULL,
    revision        integer      NOT NULL,
    unit_code       varchar(64)  NOT NULL,
    district_code   varchar(20),
    rank            integer,
    bottom_months   varchar(200) NOT NULL, -- comma-separated YYYY-MM
    of_last_months  integer      NOT NULL,
    appeals_per_10k double precision,
    reasons         text         NOT NULL, -- one reason a line
    position        integer      NOT NULL,
    PRIMARY KEY (period, revision, unit_code),
    FOREIGN KEY (period, revision) REFERENCES score_revision (period, revision)
);

ALTER TABLE score_revision ADD COLUMN commendation_rule varchar(500); -- null: the scheme commends nobody
CREATE TABLE commendation_entry (
    period     varchar(7)  NOT NULL,
    revision   integer     NOT NULL,
    peer_group varchar(20) NOT NULL,
    unit_code  varchar(64) NOT NULL,
    rank       integer     NOT NULL,
    composite  double precision NOT NULL,
    cases      integer     NOT NULL,
    PRIMARY KEY (period, revision, peer_group, unit_code),
    FOREIGN KEY (period, revision) REFERENCES score_revision (period, revision)
);

-- Measures for a governance-type street/town of a month: supervision (督办), support task (帮扶), interview (约谈).
CREATE TABLE governance_measure (
    measure_id       varchar(40)   PRIMARY KEY,
    period           varchar(7)    NOT NULL,
    unit_code        varchar(64)   NOT NULL,
    district_code    varchar(20),
    kind             varchar(20)   NOT NULL,
    description      varchar(2000) NOT NULL,
    responsible_unit varchar(64)   NOT NULL,
    due_date         date          NOT NULL,
    status           varchar(20)   NOT NULL,
    assigned_by      varchar(100),
    assigned_at      timestamptz   NOT NULL,
    completed_at     timestamptz
);
CREATE INDEX governance_measure_month ON governance_measure (period, unit_code);

-- Progress notes of a measure, with time and author; the status it left the measure in.
CREATE TABLE governance_measure_progress (
    id         bigserial     PRIMARY KEY,
    measure_id varchar(40)   NOT NULL REFERENCES governance_measure (measure_id),
    noted_at   timestamptz   NOT NULL,
    author     varchar(100),
    note       varchar(2000) NOT NULL,
    status     varchar(20)   NOT NULL
);
CREATE INDEX governance_measure_progress_measure ON governance_measure_progress (measure_id, noted_at);
