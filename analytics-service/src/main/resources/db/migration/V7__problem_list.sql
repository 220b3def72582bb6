-- The year's problem list (年度问题清单): analytics proposes the concentrated problems of the 12 months before the
-- year; leaders adopt an entry with a lead department (主责部门), a work plan and three lists (一方案三清单: problems,
-- tasks, policies); the lead department reports progress monthly. Statuses: PROPOSED, ADOPTED, DROPPED, COMPLETED.
CREATE TABLE problem_entry (
    entry_id             varchar(80)  PRIMARY KEY,             -- PL-<year>-<category>[-<district>]
    year                 integer      NOT NULL,
    category_code        varchar(64)  NOT NULL,
    district_code        varchar(16),                          -- null: city-wide
    title                varchar(200) NOT NULL,
    status               varchar(10)  NOT NULL DEFAULT 'PROPOSED'
                         CHECK (status IN ('PROPOSED', 'ADOPTED', 'DROPPED', 'COMPLETED')),
    -- evidence, refreshed while PROPOSED, frozen at adoption (the baseline the months are measured against)
    rank                 integer      NOT NULL,
    window_from          varchar(7)   NOT NULL,
    window_to            varchar(7)   NOT NULL,
    appeals              integer      NOT NULL,
    months_with_appeals  integer      NOT NULL,
    repeat_cases         integer      NOT NULL,
    visits               integer      NOT NULL,
    dissatisfied         integer      NOT NULL,
    proposed_at          timestamptz  NOT NULL,
    -- adoption: one plan and three lists
    lead_unit_code       varchar(64),
    co_unit_codes        jsonb,
    work_plan            text,
    target_reduction_pct double precision,
    problems             jsonb,                                -- 问题清单: [{description, districtCode, streetCode}]
    policies             jsonb,                                -- 政策清单: [{title, note}]
    adopted_at           timestamptz,
    adopted_by           varchar(200),
    closed_at            timestamptz,
    closed_by            varchar(200),
    close_reason         varchar(2000)                         -- why DROPPED, or the closing note of COMPLETED
);
CREATE INDEX problem_entry_year ON problem_entry (year, status);

-- 任务清单: each task with its responsible unit and due month; done_month is set by a progress report.
CREATE TABLE problem_task (
    entry_id    varchar(80)   NOT NULL REFERENCES problem_entry (entry_id),
    task_no     integer       NOT NULL,
    description varchar(1000) NOT NULL,
    unit_code   varchar(64)   NOT NULL,
    due_month   varchar(7)    NOT NULL,
    done_month  varchar(7),
    PRIMARY KEY (entry_id, task_no)
);

-- The lead department's monthly progress report; one per entry and month (a later report replaces it).
CREATE TABLE problem_progress (
    entry_id    varchar(80)   NOT NULL REFERENCES problem_entry (entry_id),
    month       varchar(7)    NOT NULL,
    note        varchar(4000) NOT NULL,
    tasks_done  jsonb         NOT NULL,
    reported_by varchar(200)  NOT NULL,
    reported_at timestamptz   NOT NULL,
    PRIMARY KEY (entry_id, month)
);

-- 每月一题 is part of the year's list: a monthly topic may belong to an adopted entry.
ALTER TABLE monthly_topic ADD COLUMN problem_entry_id varchar(80) REFERENCES problem_entry (entry_id);
CREATE INDEX monthly_topic_problem_entry ON monthly_topic (problem_entry_id) WHERE problem_entry_id IS NOT NULL;

-- Monthly tracking reads one category over one year: keep that bounded by the index, not by the table's history.
CREATE INDEX case_fact_category_day ON case_fact (category_code, day);
