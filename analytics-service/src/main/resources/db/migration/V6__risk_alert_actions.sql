-- Risk that acts (issue 17.6).
-- One rule, one place: DANGEROUS_KEYWORD alerts now come from intake's jiesu.intake.risk-flagged.v1 (intake's
-- risk_word table, admin API on intake-service), so analytics' own word list retires. Its words (汽油 excepted, too
-- ambiguous) are in intake's seed.
DROP TABLE risk_keyword;

-- An alert is OPEN, ACTING once a proactive work order or a supervision task was made from it, CLOSED with a note.
ALTER TABLE risk_alert DROP CONSTRAINT risk_alert_status_check;
ALTER TABLE risk_alert ADD CONSTRAINT risk_alert_status_check CHECK (status IN ('OPEN', 'ACTING', 'CLOSED'));
ALTER TABLE risk_alert
    ADD COLUMN closed_by  varchar(200),
    ADD COLUMN closed_at  timestamptz,
    ADD COLUMN close_note varchar(2000);

-- What was done about an alert: a proactive work order (未诉先办, action_id = its case id P…) or a supervision task
-- (督办, action_id = ST-…) for a district's supervisors (D<district>) or the hotline centre (CITY).
CREATE TABLE risk_alert_action (
    action_id   varchar(60)   PRIMARY KEY,
    insight_id  varchar(120)  NOT NULL REFERENCES risk_alert (insight_id),
    kind        varchar(20)   NOT NULL CHECK (kind IN ('WORK_ORDER', 'SUPERVISION_TASK')),
    unit_code   varchar(64)   NOT NULL,
    note        varchar(2000) NOT NULL,
    due_date    date          NOT NULL,
    request_id  varchar(120),
    created_by  varchar(200)  NOT NULL,
    created_at  timestamptz   NOT NULL
);
CREATE INDEX risk_alert_action_alert ON risk_alert_action (insight_id, created_at);
CREATE INDEX risk_alert_district ON risk_alert (district_code, status, raised_at);
