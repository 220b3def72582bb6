-- The community/village (社区/村) of an appeal as a code of the reference data (optional; checked against the street
-- at intake). The free-text community column stays for clients that send no code.
ALTER TABLE intake_case ADD COLUMN community_code varchar(20);

-- Classification phrases of the five categories added to the catalogue with the departments' routes (2026-12):
-- 预付卡 now suggests PREPAID_CARD (the commerce bureau's) rather than CONSUMER_RIGHTS.
INSERT INTO classification_rule (category_code, phrase, weight) VALUES
    ('PREPAID_CARD', '预付卡', 5), ('PREPAID_CARD', '充值卡', 4), ('PREPAID_CARD', '办卡', 3),
    ('TOURISM', '旅行社', 5), ('TOURISM', '导游', 5), ('TOURISM', '旅游团', 5), ('TOURISM', '景区', 4),
    ('RURAL_AFFAIRS', '宅基地', 6), ('RURAL_AFFAIRS', '土地承包', 6), ('RURAL_AFFAIRS', '村集体', 3),
    ('VETERANS_SERVICES', '退役军人', 6), ('VETERANS_SERVICES', '退伍', 5), ('VETERANS_SERVICES', '转业', 4),
    ('PLANNING_LAND', '规划许可', 5), ('PLANNING_LAND', '土地性质', 4), ('PLANNING_LAND', '违法占地', 4)
ON CONFLICT (category_code, phrase) DO NOTHING;
