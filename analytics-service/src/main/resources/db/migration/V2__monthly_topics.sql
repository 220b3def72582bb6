-- 每月一题: an adopted topic holds one plan and three lists (一方案三清单): problems (from matching cases), tasks
-- (unit + due date; each can be sent as a proactive work order, 未诉先办) and policies.
CREATE TABLE monthly_topic (
    topic_id      varchar(60)  PRIMARY KEY,
    period        varchar(7)   NOT NULL,
    category_code varchar(64)  NOT NULL,
    district_code varchar(16),
    title         varchar(200) NOT NULL,
    plan          text         NOT NULL,
    adopted_at    timestamptz  NOT NULL,
    adopted_by    varchar(200) NOT NULL,
    UNIQUE (period, category_code)
);
CREATE TABLE topic_problem (
    topic_id      varchar(60) NOT NULL REFERENCES monthly_topic (topic_id),
    case_id       varchar(64) NOT NULL,
    district_code varchar(16),
    street_code   varchar(32),
    day           date,
    PRIMARY KEY (topic_id, case_id)
);
CREATE TABLE topic_task (
    task_id       varchar(60)  PRIMARY KEY,
    topic_id      varchar(60)  NOT NULL REFERENCES monthly_topic (topic_id),
    unit_code     varchar(64)  NOT NULL,
    description   varchar(1000) NOT NULL,
    due_date      date         NOT NULL,
    district_code varchar(16),
    street_code   varchar(32),
    request_id    varchar(60),
    case_id       varchar(64),
    requested_at  timestamptz
);
CREATE TABLE topic_policy (
    policy_id bigserial    PRIMARY KEY,
    topic_id  varchar(60)  NOT NULL REFERENCES monthly_topic (topic_id),
    title     varchar(300) NOT NULL,
    note      varchar(2000)
);
-- Case ids of proactive work orders: P + Beijing date + 7 digits (intake's ids start with C).
CREATE SEQUENCE proactive_case_seq;
-- Candidate proposals published once per (period, category).
CREATE TABLE topic_proposal (
    period        varchar(7)  NOT NULL,
    category_code varchar(64) NOT NULL,
    topic_id      varchar(60) NOT NULL,
    proposed_at   timestamptz NOT NULL,
    PRIMARY KEY (period, category_code)
);
