-- Issue 18, constant cost per appeal. The spike rule needs, for one street/town × category, the count of the appeal's
-- Beijing day and of the 14 days before it. Counting case_fact rows for that on every appeal cost as much as the
-- surge was large; this counter holds the same number and is kept by a trigger on case_fact, in the same statement
-- (so the same transaction, the same idempotent unit of IdempotentBatchConsumer) as the read-model write, by every
-- path that writes the row (case.received, case.answered-directly, the dispatch batch fold filling a missing street).
-- The count is exactly SELECT count(*) FROM case_fact WHERE street_code = s AND category_code = c AND the Beijing day
-- of received_at = d: a row is counted under its current key, moved when received_at, street or category change.
CREATE TABLE place_day_count (
    street_code   varchar(32) NOT NULL,
    category_code varchar(64) NOT NULL,
    day           date        NOT NULL, -- Beijing date of received_at
    appeals       integer     NOT NULL,
    PRIMARY KEY (street_code, category_code, day)
);
CREATE INDEX place_day_count_day ON place_day_count (day);

-- Retention (PlaceDayCounterRetention) deletes counters of days before complete_from; NULL: complete for every day.
-- The spike rule reads the counters only for days at or after complete_from and counts case_fact rows otherwise.
CREATE TABLE counter_horizon (
    name          varchar(40) PRIMARY KEY,
    complete_from date
);
INSERT INTO counter_horizon (name, complete_from) VALUES ('place_day_count', NULL);

CREATE FUNCTION place_day_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.received_at IS NOT NULL AND OLD.street_code IS NOT NULL
            AND OLD.category_code IS NOT NULL THEN
        UPDATE place_day_count SET appeals = appeals - 1
        WHERE street_code = OLD.street_code AND category_code = OLD.category_code
          AND day = (OLD.received_at AT TIME ZONE 'Asia/Shanghai')::date;
    END IF;
    IF NEW.received_at IS NOT NULL AND NEW.street_code IS NOT NULL AND NEW.category_code IS NOT NULL THEN
        INSERT INTO place_day_count (street_code, category_code, day, appeals)
        VALUES (NEW.street_code, NEW.category_code, (NEW.received_at AT TIME ZONE 'Asia/Shanghai')::date, 1)
        ON CONFLICT (street_code, category_code, day) DO UPDATE SET appeals = place_day_count.appeals + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER case_fact_place_day_insert AFTER INSERT ON case_fact
    FOR EACH ROW EXECUTE FUNCTION place_day_count_keep();
CREATE TRIGGER case_fact_place_day_update AFTER UPDATE OF received_at, street_code, category_code ON case_fact
    FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at
                       OR OLD.street_code IS DISTINCT FROM NEW.street_code
                       OR OLD.category_code IS DISTINCT FROM NEW.category_code)
    EXECUTE FUNCTION place_day_count_keep();

-- the counters of the cases already there
INSERT INTO place_day_count (street_code, category_code, day, appeals)
SELECT street_code, category_code, (received_at AT TIME ZONE 'Asia/Shanghai')::date, count(*)
FROM case_fact
WHERE received_at IS NOT NULL AND street_code IS NOT NULL AND category_code IS NOT NULL
GROUP BY 1, 2, 3;

-- REPEATED_DISSATISFACTION (a) reads one caller's DISSATISFIED cases: by this index only those, not every case of a
-- caller who phones hundreds of times.
CREATE INDEX case_fact_caller_dissatisfied ON case_fact (caller_hash, received_at)
    WHERE caller_hash IS NOT NULL AND satisfaction = 'DISSATISFIED';
