-- 各区统筹 (district supervision) and 催办 (reminders by a district coordinator or a hotline reviewer).

-- How often an order was urged and when last (the spam guard reads the locked order, never a history scan); when it
-- was escalated to the district (重办 beyond the round limit), so a district's summary counts it without history.
ALTER TABLE work_order
    ADD COLUMN reminder_count   integer     NOT NULL DEFAULT 0 CHECK (reminder_count >= 0),
    ADD COLUMN last_reminded_at timestamptz,
    ADD COLUMN escalated_at     timestamptz;
UPDATE work_order o SET escalated_at = h.at
FROM (SELECT case_id, max(at) AS at FROM work_order_history WHERE action = 'ESCALATED' GROUP BY case_id) h
WHERE h.case_id = o.case_id;

-- A district's supervision summary groups the open orders of its units (a few dozen unit codes): one index range per
-- unit and open status, however many completed orders the units hold.
CREATE INDEX work_order_unit_open ON work_order (unit_code, status) INCLUDE (overdue, round, next_deadline, escalated_at)
    WHERE status <> 'COMPLETED';

-- The spam guard as data: at most one reminder per order per this many minutes.
INSERT INTO dispatch_setting (name, value, description) VALUES
    ('reminder_interval_minutes', '60', '催办: at most one reminder per work order within this many minutes');
INSERT INTO dispatch_setting_audit (name, version, old_value, new_value, actor, reason)
VALUES ('reminder_interval_minutes', 1, NULL, '60', 'migration', 'initial setting');
