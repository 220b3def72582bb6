-- The responsibility list (职责清单) sends departments their matters. Until now only the enterprises had category
-- rules; everything else went to the street/town (属地). Reasons per line: dispatch-service/README.md.
--
-- New target DISTRICT_BRANCH: unit_code names a city-level department; the order goes to that department's branch in
-- the appeal's district (DEPT_HR + 110105 → DEPT_HR_110105 朝阳区人力资源和社会保障局), or to the department itself
-- where it has no branch there. The branches are units of the reference data (contract/tools/reference-data).
ALTER TABLE routing_rule DROP CONSTRAINT IF EXISTS routing_rule_target_check;
ALTER TABLE routing_rule ADD CONSTRAINT routing_rule_target_check
    CHECK (target IN ('LOCATION_STREET', 'UNIT', 'DISTRICT_BRANCH'));
ALTER TABLE routing_rule ADD CONSTRAINT routing_rule_branch_names_department
    CHECK (target <> 'DISTRICT_BRANCH' OR unit_code IS NOT NULL);

-- An id an admin already used keeps the admin's rule (ON CONFLICT); every rule added here gets its CREATED audit entry.
INSERT INTO routing_rule (id, category_code, district_code, street_code, target, unit_code, description) VALUES
    -- handled by district: the district branch of the department (分级负责)
    ('property-management', 'PROPERTY_MANAGEMENT', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_HOUSING',
     '物业管理: the district housing commission supervises property service companies (物业监管)'),
    ('property-fee', 'PROPERTY_FEE', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_HOUSING',
     '物业费: the district housing commission (物业服务收费)'),
    ('housing-rental', 'HOUSING_RENTAL', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_HOUSING',
     '房屋租赁: the district housing commission supervises letting agents and rentals'),
    ('wage-arrears', 'WAGE_ARREARS', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_HR',
     '拖欠工资: labour inspection (劳动保障监察) of the district human resources bureau'),
    ('employment', 'EMPLOYMENT', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_HR',
     '就业服务: the district human resources bureau and its employment service centres'),
    ('food-safety', 'FOOD_SAFETY', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_MARKET',
     '食品安全: the district market regulation bureau and its market supervision offices (市场监管所)'),
    ('consumer-rights', 'CONSUMER_RIGHTS', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_MARKET',
     '消费维权 and prices (价格): the district market regulation bureau'),
    ('air-pollution', 'AIR_POLLUTION', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_ECOLOGY',
     '大气污染: the district ecology and environment bureau inspects polluters'),
    ('street-vendors', 'STREET_VENDORS', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_LAW_ENFORCEMENT',
     '占道经营: the district urban management law enforcement bureau (城管执法)'),
    ('school-enrollment', 'SCHOOL_ENROLLMENT', NULL, NULL, 'DISTRICT_BRANCH', 'DEPT_EDUCATION',
     '入学: enrolment areas (划片入学) are set by the district education commission'),
    -- handled city-wide: the city-level department or the enterprise
    ('heating-fee', 'HEATING_FEE', NULL, NULL, 'UNIT', 'DEPT_CITY_MGMT',
     '供暖费: heating prices and subsidies are the city urban management commission''s (供热办)'),
    ('street-lighting', 'STREET_LIGHTING', NULL, NULL, 'UNIT', 'DEPT_CITY_MGMT',
     '路灯照明: the city lighting centre of the urban management commission'),
    ('old-community-renovation', 'OLD_COMMUNITY_RENOVATION', NULL, NULL, 'UNIT', 'DEPT_HOUSING',
     '老旧小区改造: the city housing commission sets the annual renovation programme'),
    ('greening', 'GREENING', NULL, NULL, 'UNIT', 'DEPT_GARDENING',
     '园林绿化: parks, green belts and trees of the city forestry and parks bureau'),
    ('planning-land', 'PLANNING_LAND', NULL, NULL, 'UNIT', 'DEPT_PLANNING',
     '规划与土地: planning permits and land use of the city planning and natural resources commission'),
    ('water-pollution', 'WATER_POLLUTION', NULL, NULL, 'UNIT', 'DEPT_WATER',
     '水污染 of rivers and lakes: the water authority runs the river-chief system (河长制)'),
    ('road-damage', 'ROAD_DAMAGE', NULL, NULL, 'UNIT', 'DEPT_TRANSPORT',
     '道路破损: road maintenance under the city transport commission'),
    ('bus-service', 'BUS_SERVICE', NULL, NULL, 'UNIT', 'ENT_BUS', '公交服务: the bus company'),
    ('subway-service', 'SUBWAY_SERVICE', NULL, NULL, 'UNIT', 'ENT_SUBWAY', '地铁服务: the subway operator'),
    ('taxi', 'TAXI', NULL, NULL, 'UNIT', 'DEPT_TRANSPORT', '出租车: taxis are licensed by the city transport commission'),
    ('shared-bicycles', 'SHARED_BICYCLES', NULL, NULL, 'UNIT', 'DEPT_TRANSPORT',
     '共享单车: the city transport commission regulates the operators'),
    ('traffic-signal', 'TRAFFIC_SIGNAL', NULL, NULL, 'UNIT', 'DEPT_POLICE', '交通信号: the traffic police (公安交管)'),
    ('social-insurance', 'SOCIAL_INSURANCE', NULL, NULL, 'UNIT', 'DEPT_HR',
     '社保: one city-wide social insurance scheme, the city human resources and social security bureau'),
    ('prepaid-card', 'PREPAID_CARD', NULL, NULL, 'UNIT', 'DEPT_COMMERCE',
     '预付卡: single-purpose prepaid cards are regulated by the city commerce bureau'),
    ('medical-service', 'MEDICAL_SERVICE', NULL, NULL, 'UNIT', 'DEPT_HEALTH', '医疗服务: the city health commission'),
    ('childcare', 'CHILDCARE', NULL, NULL, 'UNIT', 'DEPT_HEALTH',
     '托育服务: care for children under three is led by the health commission'),
    ('medical-insurance', 'MEDICAL_INSURANCE', NULL, NULL, 'UNIT', 'DEPT_MEDICAL_INSURANCE',
     '医保: the city medical insurance bureau'),
    ('elderly-care', 'ELDERLY_CARE', NULL, NULL, 'UNIT', 'DEPT_CIVIL', '养老服务: the city civil affairs bureau'),
    ('veterans-services', 'VETERANS_SERVICES', NULL, NULL, 'UNIT', 'DEPT_VETERANS',
     '退役军人服务: the city veterans affairs bureau'),
    ('tourism', 'TOURISM', NULL, NULL, 'UNIT', 'DEPT_CULTURE_TOURISM', '旅游: the city culture and tourism bureau'),
    ('rural-affairs', 'RURAL_AFFAIRS', NULL, NULL, 'UNIT', 'DEPT_AGRICULTURE',
     '农村事务 (homesteads, land contracts): the city agriculture and rural affairs bureau'),
    ('public-security', 'PUBLIC_SECURITY', NULL, NULL, 'UNIT', 'DEPT_POLICE', '治安: the police'),
    ('household-registration', 'HOUSEHOLD_REGISTRATION', NULL, NULL, 'UNIT', 'DEPT_POLICE',
     '户籍办理: household registration is kept by the police'),
    ('fire-hazard', 'FIRE_HAZARD', NULL, NULL, 'UNIT', 'DEPT_EMERGENCY',
     '消防隐患: fire safety under the emergency management bureau'),
    -- 北京经济技术开发区 (110115403) is administered by a city-level management committee, not by 大兴区: the matters
    -- handled by district elsewhere go to the city-level department there.
    ('etdz-property-management', 'PROPERTY_MANAGEMENT', '110115', '110115403', 'UNIT', 'DEPT_HOUSING',
     '经开区 物业管理: the zone is city-administered, so the city housing commission'),
    ('etdz-property-fee', 'PROPERTY_FEE', '110115', '110115403', 'UNIT', 'DEPT_HOUSING',
     '经开区 物业费: the city housing commission'),
    ('etdz-housing-rental', 'HOUSING_RENTAL', '110115', '110115403', 'UNIT', 'DEPT_HOUSING',
     '经开区 房屋租赁: the city housing commission'),
    ('etdz-wage-arrears', 'WAGE_ARREARS', '110115', '110115403', 'UNIT', 'DEPT_HR',
     '经开区 拖欠工资: the city human resources bureau'),
    ('etdz-employment', 'EMPLOYMENT', '110115', '110115403', 'UNIT', 'DEPT_HR',
     '经开区 就业服务: the city human resources bureau'),
    ('etdz-food-safety', 'FOOD_SAFETY', '110115', '110115403', 'UNIT', 'DEPT_MARKET',
     '经开区 食品安全: the city market regulation bureau'),
    ('etdz-consumer-rights', 'CONSUMER_RIGHTS', '110115', '110115403', 'UNIT', 'DEPT_MARKET',
     '经开区 消费维权: the city market regulation bureau'),
    ('etdz-air-pollution', 'AIR_POLLUTION', '110115', '110115403', 'UNIT', 'DEPT_ECOLOGY',
     '经开区 大气污染: the city ecology and environment bureau'),
    ('etdz-street-vendors', 'STREET_VENDORS', '110115', '110115403', 'UNIT', 'DEPT_LAW_ENFORCEMENT',
     '经开区 占道经营: the city urban management law enforcement bureau'),
    ('etdz-school-enrollment', 'SCHOOL_ENROLLMENT', '110115', '110115403', 'UNIT', 'DEPT_EDUCATION',
     '经开区 入学: the city education commission')
ON CONFLICT (id) DO NOTHING;
INSERT INTO routing_rule_audit (rule_id, version, action, actor, reason, snapshot)
SELECT r.id, r.version, 'CREATED', 'migration', 'V4: departments receive their matters (district branches)',
       json_build_object('id', r.id, 'version', r.version, 'categoryCode', r.category_code,
                         'districtCode', r.district_code, 'streetCode', r.street_code, 'target', r.target,
                         'unitCode', r.unit_code, 'description', r.description, 'active', r.active)::text
FROM routing_rule r
WHERE NOT EXISTS (SELECT 1 FROM routing_rule_audit a WHERE a.rule_id = r.id);
