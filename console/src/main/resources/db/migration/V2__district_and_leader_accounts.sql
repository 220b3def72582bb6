-- District coordinators (各区统筹) sign in with their district's code; leaders (领导) are city-wide, like analysts.
ALTER TABLE account ADD COLUMN district_code varchar(6);
ALTER TABLE account DROP CONSTRAINT account_role;
ALTER TABLE account DROP CONSTRAINT account_unit;
ALTER TABLE account ADD CONSTRAINT account_role
    CHECK (role IN ('operator', 'reviewer', 'unit', 'district', 'leader', 'analyst', 'admin'));
ALTER TABLE account ADD CONSTRAINT account_unit CHECK ((role = 'unit') = (unit_code IS NOT NULL));
ALTER TABLE account ADD CONSTRAINT account_district
    CHECK ((role = 'district') = (district_code IS NOT NULL) AND (district_code IS NULL OR district_code ~ '^[0-9]{6}$'));
