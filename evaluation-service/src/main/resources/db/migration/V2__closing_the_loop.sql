-- Closing the loop (issue 17): the completion deadline and sign-for of each case, rounds of handling (重办), the
-- visit queue, overdue marks, and the new rules of the scheme (all data, versioned with the scheme).

-- The case counts in the month of least(completion deadline, first completion); period is kept by the consumer.
ALTER TABLE eval_case ALTER COLUMN outcome TYPE varchar(30); -- CONDITIONS_BEING_CREATED (v2)
ALTER TABLE eval_case ADD COLUMN completion_deadline timestamptz;
ALTER TABLE eval_case ADD COLUMN sign_for_deadline   timestamptz;
ALTER TABLE eval_case ADD COLUMN signed_at           timestamptz;
ALTER TABLE eval_case ADD COLUMN signed_late         boolean;
-- round of handling: 1, then n+1 after the n-th reopening; completed_at/outcome/completion_unit stay those of
-- round 1 (what counts), round_* are the latest round's
ALTER TABLE eval_case ADD COLUMN round               integer NOT NULL DEFAULT 1;
ALTER TABLE eval_case ADD COLUMN round_completed_at  timestamptz;
ALTER TABLE eval_case ADD COLUMN round_unit          varchar(64);
-- the visit queue: AWAITING (completed, no reached visit in this round yet), VISITED, REOPENED
ALTER TABLE eval_case ADD COLUMN visit_status        varchar(20);
ALTER TABLE eval_case ADD COLUMN visit_due_at        timestamptz;
ALTER TABLE eval_case ADD COLUMN visit_attempts      integer NOT NULL DEFAULT 0;
CREATE INDEX eval_case_visit_queue ON eval_case (visit_due_at, case_id) WHERE visit_status = 'AWAITING';
-- open cases whose deadline passed count in the deadline's month: found by period and completed_at IS NULL
-- the counting visit used to be the latest; from now on it is the first reached visit of round 1
UPDATE eval_case c SET visit_id = (SELECT v.visit_id FROM visit v WHERE v.case_id = c.case_id AND v.reached
    ORDER BY v.recorded_at LIMIT 1) WHERE c.visit_id IS NOT NULL;
-- completed cases without a reached visit join the visit queue (due 72 h after completion, the neutral value)
UPDATE eval_case SET round_completed_at = completed_at, round_unit = completion_unit,
    visit_status = CASE WHEN visit_id IS NOT NULL THEN 'VISITED' ELSE 'AWAITING' END,
    visit_due_at = completed_at + interval '72 hours'
    WHERE completed_at IS NOT NULL AND NOT answered_directly;

ALTER TABLE visit ADD COLUMN round integer NOT NULL DEFAULT 1;
ALTER TABLE visit ADD COLUMN reopened boolean NOT NULL DEFAULT false;

-- Overdue marks (超期) from jiesu.case.overdue.v1: once per case, deadline kind and deadline.
CREATE TABLE overdue_mark (
    case_id       varchar(40)  NOT NULL,
    deadline_kind varchar(20)  NOT NULL,
    deadline      timestamptz  NOT NULL,
    unit_code     varchar(64)  NOT NULL,
    overdue_at    timestamptz  NOT NULL,
    period        varchar(7)   NOT NULL,
    PRIMARY KEY (case_id, deadline_kind, deadline)
);
CREATE INDEX overdue_mark_period ON overdue_mark (period, unit_code);

-- The new rules of a scheme. 2026-v1 keeps exactly its old effect (neutral values); 2027-v1 below carries the
-- closing-the-loop rules.
ALTER TABLE evaluation_scheme ADD COLUMN sign_for_share            numeric(5,4) NOT NULL DEFAULT 0;
ALTER TABLE evaluation_scheme ADD COLUMN overdue_mark_points       numeric(6,3) NOT NULL DEFAULT 0;
ALTER TABLE evaluation_scheme ADD COLUMN open_overdue_unresponded  boolean      NOT NULL DEFAULT false;
ALTER TABLE evaluation_scheme ADD COLUMN open_overdue_dissatisfied boolean      NOT NULL DEFAULT false;
-- how a completion outcome counts for the resolution rate: the highest credit it can earn (null: as the visit says)
ALTER TABLE evaluation_scheme ADD COLUMN outcome_resolved_credit   numeric(5,4);
ALTER TABLE evaluation_scheme ADD COLUMN outcome_partly_credit     numeric(5,4);
ALTER TABLE evaluation_scheme ADD COLUMN outcome_conditions_credit numeric(5,4);
ALTER TABLE evaluation_scheme ADD COLUMN outcome_explained_credit  numeric(5,4);
ALTER TABLE evaluation_scheme ADD COLUMN outcome_cannot_solve_credit numeric(5,4);
-- which visit answers reopen the case (comma-separated enum names; empty: none)
ALTER TABLE evaluation_scheme ADD COLUMN reopen_resolutions        varchar(100) NOT NULL DEFAULT '';
ALTER TABLE evaluation_scheme ADD COLUMN reopen_satisfactions      varchar(100) NOT NULL DEFAULT '';
ALTER TABLE evaluation_scheme ADD COLUMN visit_due_hours           integer      NOT NULL DEFAULT 72;
-- when the scheme went out on evaluation.results (jiesu.results.scheme-published.v1); null: not yet
ALTER TABLE evaluation_scheme ADD COLUMN published_at              timestamptz;

INSERT INTO evaluation_scheme (version, effective_from, response_weight, resolution_weight, satisfaction_weight,
    partly_resolved_credit, basically_satisfied_credit, attendance_weight, late_report_credit, min_volume,
    governance_bottom_n, description, created_at, sign_for_share, overdue_mark_points, open_overdue_unresponded,
    open_overdue_dissatisfied, outcome_resolved_credit, outcome_partly_credit, outcome_conditions_credit,
    outcome_explained_credit, outcome_cannot_solve_credit, reopen_resolutions, reopen_satisfactions, visit_due_hours)
VALUES ('2027-v1', '2027-01', 0.30, 0.35, 0.35, 0.5, 0.8, 0.10, 0.5, 5, 3,
    'closing the loop: response = sign-for 50% + contact 50%; an open case past its deadline is unresolved, '
    'unresponded and unsatisfied; 1 point per overdue mark; outcomes RESOLVED 1, PARTLY_RESOLVED 0.5, '
    'CONDITIONS_BEING_CREATED 0.5, EXPLAINED as the visit says; an unresolved or dissatisfied first visit reopens; '
    'visit within 48 h', now(), 0.5, 1.0, true, true, 1, 0.5, 0.5, NULL, 0, 'UNRESOLVED', 'DISSATISFIED', 48);
