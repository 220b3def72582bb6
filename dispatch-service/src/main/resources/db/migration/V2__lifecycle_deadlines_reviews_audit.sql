-- The work-order lifecycle (签收 → 联系 → 办结), returns and extensions with reviewer decisions, co-handling,
-- the routing rules' audit trail and dispatch settings as data. Deadlines live in the kit's durable_timer table.

ALTER TABLE work_order
    ADD COLUMN channel            varchar(20)  NOT NULL DEFAULT 'PHONE',
    ADD COLUMN rule_version       integer,
    ADD COLUMN citizen_json       text,
    ADD COLUMN location_json      text,
    ADD COLUMN previous_unit_code varchar(64),
    ADD COLUMN signed_at          timestamptz,
    ADD COLUMN signed_by          varchar(200),
    ADD COLUMN contacted_at       timestamptz,
    ADD COLUMN contact_method     varchar(40),
    ADD COLUMN completed_at       timestamptz,
    ADD COLUMN outcome            varchar(20),
    ADD COLUMN completion_summary text,
    ADD COLUMN completion_reason  text,
    ADD COLUMN extension_pending  boolean      NOT NULL DEFAULT false,
    ADD COLUMN return_count       integer      NOT NULL DEFAULT 0,
    ADD COLUMN repeat_count       integer      NOT NULL DEFAULT 0,
    ADD COLUMN overdue            boolean      NOT NULL DEFAULT false,
    ADD COLUMN source_request_id  varchar(100);
CREATE INDEX work_order_status ON work_order (status, dispatched_at);

-- Every action on an order, who did it and what it carried: the order's own timeline.
CREATE TABLE work_order_history (
    id        bigserial    PRIMARY KEY,
    case_id   varchar(40)  NOT NULL REFERENCES work_order (case_id),
    at        timestamptz  NOT NULL,
    action    varchar(40)  NOT NULL,
    unit_code varchar(64),
    actor     varchar(200),
    detail    text
);
CREATE INDEX work_order_history_case ON work_order_history (case_id, id);

-- 协办: units the lead added; they receive the order and report progress, the lead stays the lead.
CREATE TABLE co_handler (
    case_id   varchar(40)  NOT NULL REFERENCES work_order (case_id),
    unit_code varchar(64)  NOT NULL,
    added_at  timestamptz  NOT NULL,
    added_by  varchar(200),
    note      text,
    PRIMARY KEY (case_id, unit_code)
);
CREATE INDEX co_handler_unit ON co_handler (unit_code);

-- 退单 requests and their decisions; approved ones count against the returning unit.
CREATE TABLE return_request (
    id            bigserial    PRIMARY KEY,
    case_id       varchar(40)  NOT NULL REFERENCES work_order (case_id),
    unit_code     varchar(64)  NOT NULL,
    requested_at  timestamptz  NOT NULL,
    reason        text         NOT NULL,
    status        varchar(20)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_at    timestamptz,
    reviewer      varchar(200),
    new_unit_code varchar(64),
    comment       text
);
CREATE UNIQUE INDEX return_request_one_pending ON return_request (case_id) WHERE status = 'PENDING';
CREATE INDEX return_request_unit ON return_request (unit_code, status);

-- 延期 requests and their decisions.
CREATE TABLE extension_request (
    id                 bigserial    PRIMARY KEY,
    case_id            varchar(40)  NOT NULL REFERENCES work_order (case_id),
    unit_code          varchar(64)  NOT NULL,
    requested_at       timestamptz  NOT NULL,
    reason             text         NOT NULL,
    requested_deadline timestamptz  NOT NULL,
    status             varchar(20)  NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    decided_at         timestamptz,
    reviewer           varchar(200),
    granted_deadline   timestamptz,
    comment            text
);
CREATE UNIQUE INDEX extension_request_one_pending ON extension_request (case_id) WHERE status = 'PENDING';

-- Reminders (催办) before each deadline, as data beside the limits.
ALTER TABLE time_limit_policy
    ADD COLUMN sign_for_remind_minutes   integer NOT NULL DEFAULT 30,
    ADD COLUMN contact_remind_minutes    integer NOT NULL DEFAULT 240,
    ADD COLUMN completion_remind_minutes integer NOT NULL DEFAULT 1440;
UPDATE time_limit_policy SET contact_remind_minutes = 15, completion_remind_minutes = 240 WHERE id = 'urgent';

-- The responsibility list's audit trail: every version of every rule, who made it and why.
CREATE TABLE routing_rule_audit (
    id       bigserial    PRIMARY KEY,
    rule_id  varchar(60)  NOT NULL,
    version  integer      NOT NULL,
    action   varchar(20)  NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'DEACTIVATED')),
    actor    varchar(200) NOT NULL,
    at       timestamptz  NOT NULL DEFAULT now(),
    reason   text,
    snapshot text         NOT NULL,
    UNIQUE (rule_id, version)
);

-- Category rules of the public-service enterprises (停水 → the water company …): more specific than 属地.
INSERT INTO routing_rule (id, category_code, target, unit_code, description) VALUES
    ('water-outage', 'WATER_OUTAGE', 'UNIT', 'ENT_WATER', '停水: the water company'),
    ('power-outage', 'POWER_OUTAGE', 'UNIT', 'ENT_POWER', '停电: the power company'),
    ('gas-leak', 'GAS_LEAK', 'UNIT', 'ENT_GAS', '燃气泄漏: the gas company'),
    ('gas-outage', 'GAS_OUTAGE', 'UNIT', 'ENT_GAS', '停气: the gas company'),
    ('heating', 'HEATING', 'UNIT', 'ENT_HEATING', '供暖: the heating company'),
    ('drainage', 'DRAINAGE', 'UNIT', 'ENT_DRAINAGE', '排水: the drainage company');
INSERT INTO routing_rule_audit (rule_id, version, action, actor, reason, snapshot)
SELECT id, version, 'CREATED', 'migration', 'initial responsibility list',
       json_build_object('id', id, 'version', version, 'categoryCode', category_code, 'districtCode', district_code,
                         'streetCode', street_code, 'target', target, 'unitCode', unit_code,
                         'description', description, 'active', active)::text
FROM routing_rule;

-- Dispatch settings as data.
CREATE TABLE dispatch_setting (
    name        varchar(60)  PRIMARY KEY,
    value       varchar(100) NOT NULL,
    description varchar(300) NOT NULL
);
INSERT INTO dispatch_setting VALUES
    ('return_window_minutes', '60', '退单: a unit may ask to return an order within this many minutes of dispatch, before signing'),
    ('max_returns', '2', 'after this many approved returns an order goes to the manual-dispatch queue');
