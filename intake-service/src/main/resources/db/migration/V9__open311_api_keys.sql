-- Open311 app partners' api keys (issue 20): an admin issues one per partner app; only a hash of the key is kept
-- (SHA-256: the keys are 256-bit random, so no salt or keyed hash is needed and no other secret has to stay put),
-- revoked keys stay for the record.
CREATE TABLE open311_api_key (
    id         bigserial PRIMARY KEY,
    partner    varchar(100) NOT NULL,
    key_hash   varchar(64)  NOT NULL UNIQUE,
    created_at timestamptz  NOT NULL DEFAULT now(),
    created_by varchar(100) NOT NULL,
    revoked_at timestamptz,
    revoked_by varchar(100)
);

-- The partner app whose api key submitted the case (null for every other way in, also for Open311 requests made
-- with the hotline's own bearer tokens). The channel stays OPEN311.
ALTER TABLE intake_case ADD COLUMN open311_key_id bigint REFERENCES open311_api_key (id);
