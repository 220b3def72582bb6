-- Location as a citizen gives it (issue 20.3): an appeal with only lat/long or an address naming no street/town is
-- accepted with the codes intake could resolve — the street/town (and the district, unless named) may be unknown.
-- Such a case is 地点待确认 (street_code IS NULL) and waits in dispatch's manual-dispatch queue.
ALTER TABLE intake_case ALTER COLUMN district_code DROP NOT NULL;
ALTER TABLE intake_case ALTER COLUMN street_code DROP NOT NULL;
