-- Risk words (风险词, issue 17.6): an appeal whose content holds an active word is made URGENT at intake whatever the
-- caller gave, and jiesu.intake.risk-flagged.v1 tells the district's and the hotline's supervisors. Data, changed
-- through /api/v1/admin/risk-words (audited in risk_word_audit); a word is deactivated, never deleted, so the audit
-- and old flags keep their meaning.
CREATE TABLE risk_word (
    id          bigserial PRIMARY KEY,
    word        varchar(50)  NOT NULL UNIQUE,
    kind        varchar(30)  NOT NULL CHECK (kind ~ '^[A-Z][A-Z_]*$'),
    description varchar(200) NOT NULL,
    active      boolean      NOT NULL DEFAULT true,
    created_by  varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE risk_word_audit (
    id       bigserial PRIMARY KEY,
    word_id  bigint       NOT NULL REFERENCES risk_word (id),
    action   varchar(20)  NOT NULL CHECK (action IN ('CREATED', 'DEACTIVATED', 'REACTIVATED')),
    actor    varchar(200) NOT NULL,
    at       timestamptz  NOT NULL DEFAULT now(),
    word     varchar(50)  NOT NULL,
    kind     varchar(30)  NOT NULL
);
CREATE INDEX risk_word_audit_word ON risk_word_audit (word_id, id);

-- Seed: the words the hotline treats as danger to life or public safety (DOMAIN.md: 轻生, 自杀, violence, gas smell,
-- collapse) and the mass-incident words analytics used to keep in its own risk_keyword list (one rule, one place).
INSERT INTO risk_word (word, kind, description, created_by) VALUES
    ('轻生', 'SELF_HARM', 'thoughts of ending one''s life', 'V4 seed'),
    ('自杀', 'SELF_HARM', 'suicide', 'V4 seed'),
    ('跳楼', 'SELF_HARM', 'jumping from a building', 'V4 seed'),
    ('跳河', 'SELF_HARM', 'jumping into a river', 'V4 seed'),
    ('不想活', 'SELF_HARM', 'does not want to live', 'V4 seed'),
    ('割腕', 'SELF_HARM', 'wrist cutting', 'V4 seed'),
    ('煤气味', 'GAS', 'smell of gas', 'V4 seed'),
    ('燃气味', 'GAS', 'smell of gas', 'V4 seed'),
    ('燃气泄漏', 'GAS', 'gas leak', 'V4 seed'),
    ('煤气泄漏', 'GAS', 'gas leak', 'V4 seed'),
    ('煤气中毒', 'GAS', 'carbon monoxide poisoning', 'V4 seed'),
    ('一氧化碳', 'GAS', 'carbon monoxide', 'V4 seed'),
    ('坍塌', 'COLLAPSE', 'collapse', 'V4 seed'),
    ('倒塌', 'COLLAPSE', 'collapse', 'V4 seed'),
    ('塌方', 'COLLAPSE', 'cave-in', 'V4 seed'),
    ('地面塌陷', 'COLLAPSE', 'ground subsidence', 'V4 seed'),
    ('触电', 'ELECTRIC_SHOCK', 'electric shock', 'V4 seed'),
    ('漏电', 'ELECTRIC_SHOCK', 'live current leaking', 'V4 seed'),
    ('火灾', 'FIRE', 'fire', 'V4 seed'),
    ('着火', 'FIRE', 'fire', 'V4 seed'),
    ('纵火', 'FIRE', 'arson', 'V4 seed'),
    ('爆炸', 'EXPLOSION', 'explosion', 'V4 seed'),
    ('炸药', 'EXPLOSION', 'explosives', 'V4 seed'),
    ('同归于尽', 'VIOLENCE', 'threat to take others along', 'V4 seed'),
    ('报复社会', 'VIOLENCE', 'threat of revenge on society', 'V4 seed'),
    ('杀人', 'VIOLENCE', 'killing', 'V4 seed'),
    ('家暴', 'VIOLENCE', 'domestic violence', 'V4 seed'),
    ('持刀', 'VIOLENCE', 'carrying a knife', 'V4 seed'),
    ('集体上访', 'MASS_INCIDENT', 'collective petition', 'V4 seed'),
    ('堵路', 'MASS_INCIDENT', 'blocking a road', 'V4 seed'),
    ('拉横幅', 'MASS_INCIDENT', 'banners', 'V4 seed'),
    ('围堵', 'MASS_INCIDENT', 'besieging', 'V4 seed'),
    ('群体讨薪', 'MASS_INCIDENT', 'collective wage demand', 'V4 seed');
INSERT INTO risk_word_audit (word_id, action, actor, word, kind)
    SELECT id, 'CREATED', created_by, word, kind FROM risk_word;
