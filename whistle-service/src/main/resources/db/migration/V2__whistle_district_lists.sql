-- 各区统筹: a district's whistles, newest first, and its escalated ones (no-shows escalated to the district or the
-- city) — each list one index range however many whistles the city has blown.
CREATE INDEX whistle_district ON whistle (district_code, blown_at DESC);
CREATE INDEX whistle_district_escalated ON whistle (district_code, blown_at DESC) WHERE escalation_level IS NOT NULL;
CREATE INDEX whistle_blown ON whistle (blown_at DESC);
-- the page's missing reports in one query
CREATE INDEX summons_missing ON summons (whistle_id) WHERE reported_at IS NULL;
