-- projection "low-balance": where each account's low-balance alerts go; the signing secret sealed like Dify keys
CREATE TABLE low_balance_alert (
    account_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    threshold     BIGINT        NOT NULL,
    url           VARCHAR(2048),
    sealed_secret TEXT
);

-- Outbound webhooks (one per LowBalanceReachedEvent, keyed by its event id) and every attempt to deliver them.
-- Written by the "low-balance" projection and the delivery loop; kept through a replay of the projection.
CREATE TABLE webhook_delivery (
    event_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    account_id      VARCHAR(64)   NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    body            TEXT          NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);

CREATE TABLE webhook_attempt (
    event_id     VARCHAR(64)  NOT NULL,
    attempt      INTEGER      NOT NULL,
    attempted_at TIMESTAMPTZ  NOT NULL,
    status_code  INTEGER,
    error        VARCHAR(500),
    PRIMARY KEY (event_id, attempt)
);
