-- Issue 18: a case that thousands of repeat appeals link to must not grow a notice or a history row per repeat for
-- its unit. The first repeat of an interval is notified (REPEAT_APPEAL) and recorded as before; the later ones of the
-- interval only add 1 to this row (one row per work order); when the interval ends a durable timer sends one
-- REPEAT_APPEAL_SUMMARY notice with the count and records one history row. work_order.repeat_count still counts all.
CREATE TABLE repeat_notice_window (
    case_id          varchar(64) PRIMARY KEY REFERENCES work_order (case_id),
    window_start     timestamptz NOT NULL,  -- the interval's first (notified) repeat
    window_end       timestamptz NOT NULL,  -- window_start + the interval: the summary is due then
    pending          integer     NOT NULL DEFAULT 0 CHECK (pending >= 0), -- repeats not notified yet
    last_appeal_id   varchar(64)             -- the interval's last counted repeat
);

INSERT INTO dispatch_setting (name, value, description) VALUES
    ('repeat_summary_interval_seconds', '600',
     '重复诉求: the first repeat appeal of a case within this many seconds is notified at once, the rest in one summary');
INSERT INTO dispatch_setting_audit (name, version, old_value, new_value, actor, reason)
VALUES ('repeat_summary_interval_seconds', 1, NULL, '600', 'migration', 'initial setting');
