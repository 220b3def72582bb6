-- 有一办一 (four completion outcomes), 重办 (reopening after a return visit), a round limit as data with an audit trail,
-- and the indexes of the reviewers' paginated lists.

-- Completion v2: CONDITIONS_BEING_CREATED does not fit varchar(20); a plan and a follow-up date come with it. The
-- handling round is 1 until a return visit reopens the order.
ALTER TABLE work_order
    ALTER COLUMN outcome TYPE varchar(30),
    ADD COLUMN completion_plan text,
    ADD COLUMN follow_up_on    date,
    ADD COLUMN round           integer     NOT NULL DEFAULT 1 CHECK (round >= 1),
    ADD COLUMN reopened_at     timestamptz,
    ADD COLUMN reopen_reason   text;
-- v1's CANNOT_SOLVE is v2's EXPLAINED (the reason was already required).
UPDATE work_order SET outcome = 'EXPLAINED' WHERE outcome = 'CANNOT_SOLVE';

-- The deadline that runs now in the order's state (sign-for before signing, contact before contacting, completion
-- until completed), kept by PostgreSQL itself so "due within N hours" is one index range scan.
ALTER TABLE work_order ADD COLUMN next_deadline timestamptz GENERATED ALWAYS AS (
    CASE status
        WHEN 'DISPATCHED' THEN sign_for_deadline
        WHEN 'RETURN_REQUESTED' THEN sign_for_deadline
        WHEN 'REOPENED' THEN sign_for_deadline
        WHEN 'SIGNED_FOR' THEN contact_deadline
        WHEN 'CONTACTED' THEN completion_deadline
    END) STORED;
CREATE INDEX work_order_next_deadline ON work_order (next_deadline) WHERE next_deadline IS NOT NULL;
CREATE INDEX work_order_manual_queue ON work_order (received_at) WHERE status = 'AWAITING_MANUAL_DISPATCH';
CREATE INDEX return_request_status ON return_request (status, requested_at);
CREATE INDEX extension_request_status ON extension_request (status, requested_at);

-- 重办 deadline: a reopened order may get another completion limit than a new one (NULL: completion_minutes).
ALTER TABLE time_limit_policy
    ADD COLUMN reopen_completion_minutes integer CHECK (reopen_completion_minutes > 0);

-- Dispatch settings are versioned; every change is kept with who made it and why.
ALTER TABLE dispatch_setting ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE TABLE dispatch_setting_audit (
    id        bigserial    PRIMARY KEY,
    name      varchar(60)  NOT NULL,
    version   integer      NOT NULL,
    old_value varchar(100),
    new_value varchar(100) NOT NULL,
    actor     varchar(200) NOT NULL,
    at        timestamptz  NOT NULL DEFAULT now(),
    reason    text         NOT NULL,
    UNIQUE (name, version)
);
INSERT INTO dispatch_setting (name, value, description) VALUES
    ('max_handling_rounds', '2', '重办: rounds a case may take with its lead unit; a reopening beyond this tells the district');
INSERT INTO dispatch_setting_audit (name, version, old_value, new_value, actor, reason)
SELECT name, version, NULL, value, 'migration', 'initial setting' FROM dispatch_setting;
