-- Case tracking for citizens (/track in the console): what a citizen may learn about their own case beyond the
-- status, kept from the events intake already follows, and the misses that rate-limit the lookup.

-- One row per case once dispatch has handed it over: the current handling round's handover and due times, and the
-- completion's outcome and explanation (shown only while the case's status says it is completed or visited).
CREATE TABLE case_progress (
    case_id           varchar(40) PRIMARY KEY REFERENCES intake_case (case_id),
    round             integer      NOT NULL DEFAULT 1,
    handed_over_at    timestamptz,
    contact_due_at    timestamptz,
    completion_due_at timestamptz,
    completed_at      timestamptz,
    outcome           varchar(40),
    explanation       text,
    follow_up_on      date,
    visited_at        timestamptz,
    updated_at        timestamptz  NOT NULL DEFAULT now()
);

-- A lookup that did not match (unknown case, wrong phone, malformed): per case number and per client, both as keyed
-- hashes (the client's address is never stored in clear). Enough misses in the window refuse further lookups.
CREATE TABLE tracking_miss (
    id    bigserial PRIMARY KEY,
    scope varchar(10)  NOT NULL,            -- CASE or CLIENT
    key   varchar(64)  NOT NULL,
    at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX tracking_miss_key ON tracking_miss (scope, key, at);
CREATE INDEX tracking_miss_at ON tracking_miss (at);
