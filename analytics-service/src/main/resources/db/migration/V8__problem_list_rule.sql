-- The year's problem-list proposal thresholds as data (issue 17: each rule as data with an admin API). No row: the
-- defaults of jiesu.analytics.problem-list.* apply; PUT /api/v1/admin/problem-list/rule sets the row, audited.
CREATE TABLE problem_list_rule (
    id          smallint PRIMARY KEY CHECK (id = 1),
    top         integer NOT NULL,
    min_appeals integer NOT NULL,
    min_months  integer NOT NULL,
    area        text    NOT NULL,
    reason      text    NOT NULL,
    updated_by  text    NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE problem_list_rule_audit (
    id          bigserial PRIMARY KEY,
    top         integer NOT NULL,
    min_appeals integer NOT NULL,
    min_months  integer NOT NULL,
    area        text    NOT NULL,
    reason      text    NOT NULL,
    changed_by  text    NOT NULL,
    changed_at  timestamptz NOT NULL
);
