-- Rates from evaluation's published scheme (jiesu.results.scheme-published.v1), never a formula of our own:
-- a visit's resolution credit is the scheme's credit of the answer, at most the cap of the completion outcome
-- (absent: as the visit says); its satisfaction credit is the scheme's credit of the answer. The scheme of a case is
-- the one effective in the month of its completion (its day when not completed).
ALTER TABLE case_fact ALTER COLUMN outcome TYPE varchar(30); -- CONDITIONS_BEING_CREATED (completed.v2)

CREATE TABLE rate_scheme (
    version              varchar(40) PRIMARY KEY,
    effective_from       varchar(7)  NOT NULL,
    resolution_credits   jsonb       NOT NULL,
    satisfaction_credits jsonb       NOT NULL,
    outcome_caps         jsonb       NOT NULL,
    description          text,
    published_at         timestamptz NOT NULL
);
CREATE INDEX rate_scheme_effective ON rate_scheme (effective_from);

CREATE FUNCTION rate_scheme_month(completed_at timestamptz, day date) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(coalesce((completed_at AT TIME ZONE 'Asia/Shanghai')::date, day), 'YYYY-MM') $$;

CREATE FUNCTION resolution_credit(answer varchar, outcome varchar, month varchar) RETURNS double precision
    LANGUAGE sql STABLE AS $$
    SELECT least((s.resolution_credits ->> answer)::double precision,
                 coalesce((s.outcome_caps ->> outcome)::double precision, 1))
    FROM rate_scheme s WHERE s.effective_from <= month ORDER BY s.effective_from DESC LIMIT 1 $$;

CREATE FUNCTION satisfaction_credit(answer varchar, month varchar) RETURNS double precision LANGUAGE sql STABLE AS $$
    SELECT (s.satisfaction_credits ->> answer)::double precision
    FROM rate_scheme s WHERE s.effective_from <= month ORDER BY s.effective_from DESC LIMIT 1 $$;
