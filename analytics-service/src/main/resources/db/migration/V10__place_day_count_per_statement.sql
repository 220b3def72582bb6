-- Issue 19, rebuild in batches. V9's counters were kept by a row trigger: one upsert of place_day_count per appeal
-- written, so a poll of 1,000 appeals paid 1,000 statements inside its two. These statement triggers add up a whole
-- statement's rows per street/town × category × Beijing day (transition tables) and change each counter once, in key
-- order (two transactions' statements lock shared counters in one order). The counts are the same: a row is counted
-- under its current key, moved when received_at, street or category change.
DROP TRIGGER case_fact_place_day_insert ON case_fact;
DROP TRIGGER case_fact_place_day_update ON case_fact;
DROP FUNCTION place_day_count_keep();

CREATE FUNCTION place_day_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO place_day_count (street_code, category_code, day, appeals)
    SELECT street_code, category_code, (received_at AT TIME ZONE 'Asia/Shanghai')::date, count(*)
    FROM new_rows
    WHERE received_at IS NOT NULL AND street_code IS NOT NULL AND category_code IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (street_code, category_code, day) DO UPDATE SET appeals = place_day_count.appeals + EXCLUDED.appeals;
    RETURN NULL;
END $$;

-- An UPDATE trigger with transition tables cannot name columns: it runs for every UPDATE of case_fact and does
-- nothing unless a row's key moved.
CREATE FUNCTION place_day_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH delta AS (
        SELECT k.street_code, k.category_code, k.day, sum(k.delta) AS delta
        FROM old_rows o JOIN new_rows n ON n.case_id = o.case_id
        CROSS JOIN LATERAL (VALUES
                (o.street_code, o.category_code, (o.received_at AT TIME ZONE 'Asia/Shanghai')::date, -1),
                (n.street_code, n.category_code, (n.received_at AT TIME ZONE 'Asia/Shanghai')::date, 1))
            AS k(street_code, category_code, day, delta)
        WHERE (o.received_at IS DISTINCT FROM n.received_at OR o.street_code IS DISTINCT FROM n.street_code
               OR o.category_code IS DISTINCT FROM n.category_code)
          AND k.street_code IS NOT NULL AND k.category_code IS NOT NULL AND k.day IS NOT NULL
        GROUP BY 1, 2, 3 HAVING sum(k.delta) <> 0
    ), moved_out AS ( -- a counter retention deleted stays deleted, as with V9's trigger
        UPDATE place_day_count c SET appeals = c.appeals + d.delta
        FROM (SELECT * FROM delta WHERE delta < 0 ORDER BY 1, 2, 3) d
        WHERE c.street_code = d.street_code AND c.category_code = d.category_code AND c.day = d.day
    )
    INSERT INTO place_day_count (street_code, category_code, day, appeals)
    SELECT street_code, category_code, day, delta FROM delta WHERE delta > 0 ORDER BY 1, 2, 3
    ON CONFLICT (street_code, category_code, day) DO UPDATE SET appeals = place_day_count.appeals + EXCLUDED.appeals;
    RETURN NULL;
END $$;

CREATE TRIGGER case_fact_place_day_insert AFTER INSERT ON case_fact
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_day_count_inserted();
CREATE TRIGGER case_fact_place_day_update AFTER UPDATE ON case_fact
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION place_day_count_updated();
