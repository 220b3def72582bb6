-- The community/village (社区/村) of an appeal as a code of the reference data (optional; checked against the street
-- at intake). The free-text community column stays for clients that send no code.
ALTER TABLE intake_case ADD COLUMN community_code varchar(20);
