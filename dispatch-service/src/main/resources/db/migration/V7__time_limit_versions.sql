-- Time limits are versioned like the responsibility list: every change raises the version and is kept with who made
-- it and the policy as it became (the console shows both).
ALTER TABLE time_limit_policy ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE TABLE time_limit_audit (
    id         bigserial    PRIMARY KEY,
    policy_id  varchar(60)  NOT NULL,
    version    integer      NOT NULL,
    action     varchar(20)  NOT NULL,
    actor      varchar(200) NOT NULL,
    at         timestamptz  NOT NULL,
    policy     text         NOT NULL
);
CREATE INDEX time_limit_audit_policy ON time_limit_audit (policy_id, version DESC);
