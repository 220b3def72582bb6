-- Classification assist, direct answers, repeat appeals and abusive callers: all rules are data.

ALTER TABLE intake_case
    ADD COLUMN linked_case_id     varchar(40),
    ADD COLUMN knowledge_entry_id varchar(60),
    ADD COLUMN caller_hash        varchar(64),
    ADD COLUMN content_hash       varchar(64),
    ADD COLUMN flagged            boolean NOT NULL DEFAULT false;
CREATE INDEX intake_case_caller ON intake_case (caller_hash, received_at);
CREATE INDEX intake_case_place ON intake_case (street_code, category_code, received_at);
CREATE INDEX intake_case_phone ON intake_case (citizen_phone);
CREATE INDEX intake_case_received ON intake_case (received_at);

-- Keywords and phrases per category; the category whose matching phrases weigh most is suggested.
CREATE TABLE classification_rule (
    id            bigserial PRIMARY KEY,
    category_code varchar(60)  NOT NULL,
    phrase        varchar(100) NOT NULL,
    weight        integer      NOT NULL DEFAULT 1 CHECK (weight > 0),
    UNIQUE (category_code, phrase)
);
INSERT INTO classification_rule (category_code, phrase, weight) VALUES
    ('WATER_OUTAGE', '停水', 5), ('WATER_OUTAGE', '没水', 4), ('WATER_OUTAGE', '不来水', 4), ('WATER_OUTAGE', '水压低', 2),
    ('POWER_OUTAGE', '停电', 5), ('POWER_OUTAGE', '没电', 4), ('POWER_OUTAGE', '跳闸', 2),
    ('GAS_LEAK', '燃气泄漏', 6), ('GAS_LEAK', '煤气泄漏', 6), ('GAS_LEAK', '燃气味', 5), ('GAS_LEAK', '煤气味', 5),
    ('GAS_OUTAGE', '停气', 5), ('GAS_OUTAGE', '没有燃气', 4),
    ('HEATING', '暖气不热', 5), ('HEATING', '没有暖气', 5), ('HEATING', '供暖', 3), ('HEATING', '室温', 2), ('HEATING', '暖气', 3),
    ('HEATING_FEE', '供暖费', 5), ('HEATING_FEE', '采暖费', 5),
    ('PROPERTY_MANAGEMENT', '物业', 3), ('PROPERTY_MANAGEMENT', '物业公司', 4),
    ('PROPERTY_FEE', '物业费', 5),
    ('GARBAGE_SORTING', '垃圾分类', 5), ('GARBAGE_SORTING', '厨余垃圾', 4), ('GARBAGE_SORTING', '桶前值守', 4),
    ('GARBAGE_CLEARANCE', '垃圾清运', 5), ('GARBAGE_CLEARANCE', '垃圾堆', 3), ('GARBAGE_CLEARANCE', '垃圾没人清', 4),
    ('EPIDEMIC_PREVENTION', '核酸', 4), ('EPIDEMIC_PREVENTION', '隔离', 3), ('EPIDEMIC_PREVENTION', '防疫', 5), ('EPIDEMIC_PREVENTION', '疫苗', 3),
    ('NOISE', '噪音', 4), ('NOISE', '噪声', 4), ('NOISE', '扰民', 3), ('NOISE', '夜间施工', 4),
    ('ILLEGAL_CONSTRUCTION', '违建', 5), ('ILLEGAL_CONSTRUCTION', '违法建设', 5), ('ILLEGAL_CONSTRUCTION', '私搭乱建', 5),
    ('ROAD_DAMAGE', '路面', 2), ('ROAD_DAMAGE', '坑', 2), ('ROAD_DAMAGE', '井盖', 4),
    ('PARKING', '停车', 3), ('PARKING', '乱停车', 4), ('PARKING', '车位', 3),
    ('WAGE_ARREARS', '拖欠工资', 6), ('WAGE_ARREARS', '欠薪', 6), ('WAGE_ARREARS', '不发工资', 5),
    ('SOCIAL_INSURANCE', '社保', 4), ('SOCIAL_INSURANCE', '养老保险', 4),
    ('CONSUMER_RIGHTS', '退款', 3), ('CONSUMER_RIGHTS', '预付卡', 4), ('CONSUMER_RIGHTS', '消费', 2),
    ('FOOD_SAFETY', '食品安全', 5), ('FOOD_SAFETY', '变质', 3), ('FOOD_SAFETY', '过期食品', 4),
    ('ELDERLY_CARE', '养老', 3), ('ELDERLY_CARE', '老年餐', 4),
    ('SCHOOL_ENROLLMENT', '入学', 4), ('SCHOOL_ENROLLMENT', '学位', 3),
    ('ELEVATOR', '电梯', 4),
    ('DRAINAGE', '下水道', 4), ('DRAINAGE', '污水', 3), ('DRAINAGE', '积水', 3), ('DRAINAGE', '堵塞', 2),
    ('STREET_VENDORS', '占道经营', 5), ('STREET_VENDORS', '摆摊', 4),
    ('FIRE_HAZARD', '消防通道', 5), ('FIRE_HAZARD', '飞线充电', 5), ('FIRE_HAZARD', '消防隐患', 5),
    ('POLICY_CONSULTATION', '政策', 2), ('POLICY_CONSULTATION', '怎么办理', 3), ('POLICY_CONSULTATION', '如何办理', 3);

-- Words that make an appeal urgent; months (1-12, comma separated) limit a phrase to a season, e.g. heating.
CREATE TABLE urgency_rule (
    id          bigserial PRIMARY KEY,
    phrase      varchar(100) NOT NULL UNIQUE,
    months      varchar(40),
    description varchar(200) NOT NULL
);
INSERT INTO urgency_rule (phrase, months, description) VALUES
    ('停水', NULL, 'water outage'), ('停电', NULL, 'power outage'), ('燃气泄漏', NULL, 'gas leak'),
    ('煤气泄漏', NULL, 'gas leak'), ('燃气味', NULL, 'smell of gas'), ('停气', NULL, 'gas outage'),
    ('没有暖气', '11,12,1,2,3', 'no heating in the heating season'), ('暖气不热', '11,12,1,2,3', 'cold radiators in the heating season'),
    ('着火', NULL, 'fire'), ('火灾', NULL, 'fire'), ('触电', NULL, 'electric shock'), ('坍塌', NULL, 'collapse'),
    ('被困', NULL, 'people trapped'), ('电梯困人', NULL, 'people trapped in a lift');

-- Direct answers (直接答复): a consultation whose content holds every keyword of an entry gets its answer.
CREATE TABLE knowledge_entry (
    id            varchar(60) PRIMARY KEY,
    question      text         NOT NULL,
    keywords      varchar(500) NOT NULL,
    answer        text         NOT NULL,
    category_code varchar(60)  NOT NULL,
    active        boolean      NOT NULL DEFAULT true,
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO knowledge_entry (id, question, keywords, answer, category_code) VALUES
    ('kb-social-card-replacement', '社保卡丢了怎么补办？', '社保卡,补办',
     '社保卡遗失后，可通过“北京人社”APP或微信公众号办理挂失和补换，也可携带身份证到任一社保卡服务网点现场办理。', 'SOCIAL_INSURANCE'),
    ('kb-residence-permit', '居住证怎么办理？', '居住证,办理',
     '在京连续居住满半年并符合条件的，可持身份证、居住登记卡及相关证明到居住地派出所申领北京市居住证，也可通过“北京通”APP预约。', 'POLICY_CONSULTATION'),
    ('kb-heating-season', '北京什么时候开始供暖？', '什么时候,供暖',
     '北京市法定供暖期为每年11月15日至次年3月15日，遇极端天气可提前或延后，以市政府通知为准。', 'HEATING');

-- Callers over the limits (abusive calling): one flag per caller per Beijing day; the caller is a keyed hash.
CREATE TABLE caller_flag (
    caller_hash  varchar(64)  NOT NULL,
    day          date         NOT NULL,
    flagged_at   timestamptz  NOT NULL,
    appeal_count integer      NOT NULL,
    rule         varchar(200) NOT NULL,
    PRIMARY KEY (caller_hash, day)
);
