-- Surges (issue 18): every per-appeal check costs the same for a caller's or a place's 1st and 10,000th appeal.

-- Abusive callers: a counter per caller (keyed hash) and Beijing day, upserted in the appeal's transaction
-- (INSERT … ON CONFLICT DO UPDATE … RETURNING) instead of reading all of the caller's appeals of the day.
-- content_hash '' is the caller's total of the day; a content hash counts the appeals with that very content.
CREATE TABLE caller_day_count (
    caller_hash  varchar(64) NOT NULL,
    day          date        NOT NULL,
    content_hash varchar(64) NOT NULL,
    appeals      integer     NOT NULL CHECK (appeals > 0),
    PRIMARY KEY (caller_hash, day, content_hash)
);

-- The counts of today and yesterday (Beijing) from the cases already stored, so the limits hold across the upgrade.
INSERT INTO caller_day_count (caller_hash, day, content_hash, appeals)
SELECT caller_hash, (accepted_at AT TIME ZONE 'Asia/Shanghai')::date, '', count(*)
FROM intake_case WHERE caller_hash IS NOT NULL AND accepted_at >= now() - interval '2 days'
GROUP BY 1, 2;
INSERT INTO caller_day_count (caller_hash, day, content_hash, appeals)
SELECT caller_hash, (accepted_at AT TIME ZONE 'Asia/Shanghai')::date, content_hash, count(*)
FROM intake_case WHERE caller_hash IS NOT NULL AND content_hash IS NOT NULL
  AND accepted_at >= now() - interval '2 days'
GROUP BY 1, 2, 3;

-- The case ids of a caller's day, read once when the caller is first flagged (bounded by the counter).
CREATE INDEX intake_case_caller_accepted ON intake_case (caller_hash, accepted_at);

-- Repeat appeals: only open cases that are not themselves repeats can be linked to. In a surge thousands of appeals
-- about one place are LINKED; these partial indexes hold only the candidates, so the look-up never walks the linked
-- ones (RepeatDetector's query repeats the predicate with constants so that the planner can use them).
CREATE INDEX intake_case_open_by_caller ON intake_case (caller_hash, category_code, received_at)
    WHERE linked_case_id IS NULL AND status IN ('RECEIVED', 'DISPATCHED', 'SIGNED_FOR', 'CONTACTED');
CREATE INDEX intake_case_open_by_place ON intake_case (street_code, category_code, address, received_at)
    WHERE linked_case_id IS NULL AND status IN ('RECEIVED', 'DISPATCHED', 'SIGNED_FOR', 'CONTACTED');
