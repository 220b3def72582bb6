-- The console's own data: who may sign in, with which role and unit, and their preferences. Nothing else: cases,
-- orders and scores stay in the services.
CREATE TABLE account (
    username          varchar(64)  PRIMARY KEY,
    display_name      varchar(100),
    role              varchar(20)  NOT NULL,
    unit_code         varchar(64),
    password_hash     varchar(100) NOT NULL,
    enabled           boolean      NOT NULL DEFAULT true,
    failed_attempts   integer      NOT NULL DEFAULT 0,
    locked_until      timestamptz,
    language          varchar(10),
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    last_sign_in_at   timestamptz,
    CONSTRAINT account_role CHECK (role IN ('operator', 'reviewer', 'unit', 'analyst', 'admin')),
    CONSTRAINT account_unit CHECK ((role = 'unit') = (unit_code IS NOT NULL))
);

-- Who changed an account, when and how (never the password itself).
CREATE TABLE account_audit (
    id          bigserial    PRIMARY KEY,
    username    varchar(64)  NOT NULL,
    action      varchar(40)  NOT NULL,
    actor       varchar(64)  NOT NULL,
    at          timestamptz  NOT NULL,
    detail      varchar(400)
);
CREATE INDEX account_audit_user ON account_audit (username, at DESC);
