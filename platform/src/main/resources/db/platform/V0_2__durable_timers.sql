-- Durable timers (jiesu-platform kit): deadlines kept in the service's own database, written in the same
-- transaction as the state change that sets them, fired by TimerPoller (SELECT … FOR UPDATE SKIP LOCKED) exactly
-- once: the handler's changes and outbox rows commit together with status FIRED, so neither a second poller nor a
-- restart fires a timer again. (timer_group, subject, name) names one timer; scheduling it again moves it.
CREATE TABLE durable_timer (
    id          bigserial    PRIMARY KEY,
    timer_group varchar(60)  NOT NULL,
    subject     varchar(200) NOT NULL,
    name        varchar(100) NOT NULL,
    due_at      timestamptz  NOT NULL,
    data        text,
    status      varchar(20)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'FIRED', 'CANCELLED', 'FAILED')),
    attempts    integer      NOT NULL DEFAULT 0,
    last_error  varchar(1000),
    fired_at    timestamptz,
    fired_by    varchar(100),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (timer_group, subject, name)
);
CREATE INDEX durable_timer_due ON durable_timer (due_at) WHERE status = 'PENDING';
