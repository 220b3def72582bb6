-- analytics-service read models (民生大数据). No personal data: no name, phone, address or content is stored.
-- One row per case, filled in by the events of its life in whatever order they arrive (upserts per column).
CREATE TABLE case_fact (
    case_id              varchar(64) PRIMARY KEY,
    received_at          timestamptz,
    day                  date,            -- Beijing date of received_at
    channel              varchar(20),
    appeal_type          varchar(20),
    category_code        varchar(64),
    district_code        varchar(16),
    street_code          varchar(32),
    urgency              varchar(10),
    answered_directly    boolean NOT NULL DEFAULT false,
    repeat_links         integer NOT NULL DEFAULT 0,
    same_caller_links    integer NOT NULL DEFAULT 0,
    unit_code            varchar(64),
    dispatched_at        timestamptz,
    signed_at            timestamptz,
    completed_at         timestamptz,
    outcome              varchar(20),
    visited_at           timestamptz,
    reached              boolean,
    resolution           varchar(20),
    satisfaction         varchar(30),
    excluded             boolean NOT NULL DEFAULT false, -- an accepted objection removes the case from the rates
    keywords             varchar(400)    -- dangerous keywords found in the content (the content is not kept)
);
CREATE INDEX case_fact_day ON case_fact (day, category_code, district_code, street_code);
CREATE INDEX case_fact_street_time ON case_fact (street_code, category_code, received_at);

-- Callers appear only as intake's keyed hash (jiesu.case.caller-flagged.v1); kept to connect dissatisfied visits.
CREATE TABLE caller_case (
    caller_hash varchar(128) NOT NULL,
    case_id     varchar(64)  NOT NULL,
    PRIMARY KEY (caller_hash, case_id)
);
CREATE INDEX caller_case_case ON caller_case (case_id);

-- Spikes: one row per (category, street/town, day) ever detected; the unique key makes the insight once-only.
CREATE TABLE hotspot (
    insight_id      varchar(120) PRIMARY KEY,
    category_code   varchar(64) NOT NULL,
    district_code   varchar(16),
    street_code     varchar(32) NOT NULL,
    day             date        NOT NULL,
    count           integer     NOT NULL,
    baseline_mean   double precision NOT NULL,
    baseline_stddev double precision NOT NULL,
    rule            varchar(300) NOT NULL,
    detected_at     timestamptz NOT NULL,
    UNIQUE (category_code, street_code, day)
);

-- Risk early warnings; dedupe_key makes each alert once-only.
CREATE TABLE risk_alert (
    insight_id    varchar(120) PRIMARY KEY,
    dedupe_key    varchar(300) NOT NULL UNIQUE,
    kind          varchar(40)  NOT NULL,
    district_code varchar(16),
    street_code   varchar(32),
    category_code varchar(64),
    case_ids      text         NOT NULL, -- comma separated
    evidence      varchar(1000) NOT NULL,
    window_end    timestamptz,
    raised_at     timestamptz  NOT NULL,
    status        varchar(10)  NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED'))
);
CREATE INDEX risk_alert_open ON risk_alert (status, raised_at);

-- Dangerous keywords, kept as data (admins add rows; the consumer reads them on every event).
CREATE TABLE risk_keyword (
    keyword varchar(40) PRIMARY KEY,
    label   varchar(100) NOT NULL
);
INSERT INTO risk_keyword (keyword, label) VALUES
    ('自杀', '人身安全'), ('轻生', '人身安全'), ('跳楼', '人身安全'), ('跳河', '人身安全'),
    ('不想活', '人身安全'), ('同归于尽', '极端行为'), ('报复社会', '极端行为'), ('杀人', '极端行为'),
    ('爆炸', '公共安全'), ('炸药', '公共安全'), ('汽油', '公共安全'), ('纵火', '公共安全'),
    ('集体上访', '群体性事件'), ('堵路', '群体性事件'), ('拉横幅', '群体性事件'), ('围堵', '群体性事件'),
    ('群体讨薪', '群体性事件');

-- 七有 / 五性 dimensions and the category mapping, kept as data.
CREATE TABLE dimension (
    code       varchar(40) PRIMARY KEY,
    kind       varchar(20) NOT NULL CHECK (kind IN ('SEVEN_HAVES', 'FIVE_QUALITIES')),
    name       varchar(40) NOT NULL,
    name_en    varchar(80) NOT NULL,
    sort_order integer     NOT NULL
);
INSERT INTO dimension (code, kind, name, name_en, sort_order) VALUES
    ('CHILDCARE', 'SEVEN_HAVES', '幼有所育', 'Childcare', 1),
    ('EDUCATION', 'SEVEN_HAVES', '学有所教', 'Education', 2),
    ('EMPLOYMENT', 'SEVEN_HAVES', '劳有所得', 'Employment', 3),
    ('MEDICAL', 'SEVEN_HAVES', '病有所医', 'Medical care', 4),
    ('ELDERLY', 'SEVEN_HAVES', '老有所养', 'Elderly care', 5),
    ('HOUSING', 'SEVEN_HAVES', '住有所居', 'Housing', 6),
    ('VULNERABLE', 'SEVEN_HAVES', '弱有所扶', 'Support for the vulnerable', 7),
    ('CONVENIENCE', 'FIVE_QUALITIES', '便利性', 'Convenience', 8),
    ('LIVEABILITY', 'FIVE_QUALITIES', '宜居性', 'Liveability', 9),
    ('DIVERSITY', 'FIVE_QUALITIES', '多样性', 'Diversity', 10),
    ('FAIRNESS', 'FIVE_QUALITIES', '公正性', 'Fairness', 11),
    ('SAFETY', 'FIVE_QUALITIES', '安全性', 'Safety', 12);

CREATE TABLE category_dimension (
    category_code  varchar(64) NOT NULL,
    dimension_code varchar(40) NOT NULL REFERENCES dimension (code),
    PRIMARY KEY (category_code, dimension_code)
);
INSERT INTO category_dimension (category_code, dimension_code) VALUES
    ('CHILDCARE', 'CHILDCARE'),
    ('SCHOOL_ENROLLMENT', 'EDUCATION'),
    ('WAGE_ARREARS', 'EMPLOYMENT'), ('SOCIAL_INSURANCE', 'EMPLOYMENT'), ('EMPLOYMENT', 'EMPLOYMENT'),
    ('MEDICAL_SERVICE', 'MEDICAL'), ('EPIDEMIC_PREVENTION', 'MEDICAL'), ('MEDICAL_INSURANCE', 'MEDICAL'),
    ('ELDERLY_CARE', 'ELDERLY'),
    ('PROPERTY_MANAGEMENT', 'HOUSING'), ('PROPERTY_FEE', 'HOUSING'), ('HOUSING_RENTAL', 'HOUSING'),
    ('HOUSING_REPAIR', 'HOUSING'), ('OLD_COMMUNITY_RENOVATION', 'HOUSING'), ('ELEVATOR', 'HOUSING'),
    ('SUBSIDIES_FOR_VULNERABLE', 'VULNERABLE'), ('DISABILITY_SUPPORT', 'VULNERABLE'),
    ('WATER_OUTAGE', 'CONVENIENCE'), ('POWER_OUTAGE', 'CONVENIENCE'), ('GAS_OUTAGE', 'CONVENIENCE'),
    ('HEATING', 'CONVENIENCE'), ('HEATING_FEE', 'CONVENIENCE'), ('BUS_SERVICE', 'CONVENIENCE'),
    ('SUBWAY_SERVICE', 'CONVENIENCE'), ('TAXI', 'CONVENIENCE'), ('PARKING', 'CONVENIENCE'),
    ('SHARED_BICYCLES', 'CONVENIENCE'), ('POLICY_CONSULTATION', 'CONVENIENCE'),
    ('HOUSEHOLD_REGISTRATION', 'CONVENIENCE'), ('STREET_LIGHTING', 'CONVENIENCE'), ('ELEVATOR', 'CONVENIENCE'),
    ('NOISE', 'LIVEABILITY'), ('AIR_POLLUTION', 'LIVEABILITY'), ('WATER_POLLUTION', 'LIVEABILITY'),
    ('GARBAGE_SORTING', 'LIVEABILITY'), ('GARBAGE_CLEARANCE', 'LIVEABILITY'), ('GREENING', 'LIVEABILITY'),
    ('DRAINAGE', 'LIVEABILITY'), ('ILLEGAL_CONSTRUCTION', 'LIVEABILITY'), ('STREET_VENDORS', 'LIVEABILITY'),
    ('OLD_COMMUNITY_RENOVATION', 'LIVEABILITY'),
    ('CHILDCARE', 'DIVERSITY'), ('ELDERLY_CARE', 'DIVERSITY'), ('DISABILITY_SUPPORT', 'DIVERSITY'),
    ('WAGE_ARREARS', 'FAIRNESS'), ('SOCIAL_INSURANCE', 'FAIRNESS'), ('CONSUMER_RIGHTS', 'FAIRNESS'),
    ('SCHOOL_ENROLLMENT', 'FAIRNESS'), ('SUBSIDIES_FOR_VULNERABLE', 'FAIRNESS'), ('MEDICAL_INSURANCE', 'FAIRNESS'),
    ('GAS_LEAK', 'SAFETY'), ('FIRE_HAZARD', 'SAFETY'), ('PUBLIC_SECURITY', 'SAFETY'), ('FOOD_SAFETY', 'SAFETY'),
    ('ROAD_DAMAGE', 'SAFETY'), ('TRAFFIC_SIGNAL', 'SAFETY'), ('EPIDEMIC_PREVENTION', 'SAFETY');

-- The latest published scores and governance list (evaluation.results): unit codes and rates only.
CREATE TABLE published_scores (
    period       varchar(7)  PRIMARY KEY,
    revision     integer     NOT NULL,
    published_at timestamptz NOT NULL,
    payload      text        NOT NULL
);
CREATE TABLE published_governance_list (
    period       varchar(7)  PRIMARY KEY,
    revision     integer     NOT NULL,
    published_at timestamptz NOT NULL,
    unit_codes   text        NOT NULL
);
