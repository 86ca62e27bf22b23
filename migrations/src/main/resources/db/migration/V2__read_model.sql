-- Read tables. Every one is owned by a single projection (named in the comment) and is rebuilt by replaying it.

-- projection "directory" (subscribing: updated in the command's own transaction so a revoked key stops at once)
CREATE TABLE tenant_view (
    tenant_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id VARCHAR(64)  NOT NULL UNIQUE,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE app_view (
    app_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    mode            VARCHAR(32)  NOT NULL,
    sealed_dify_key TEXT         NOT NULL
);
CREATE INDEX app_view_tenant ON app_view (tenant_id);

CREATE TABLE api_key_view (
    key_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_id     VARCHAR(64)  NOT NULL UNIQUE,
    tenant_id  VARCHAR(64)  NOT NULL,
    app_id     VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    roles      VARCHAR(200) NOT NULL,
    key_prefix VARCHAR(32)  NOT NULL,
    revoked    BOOLEAN      NOT NULL DEFAULT FALSE
);

-- projection "balance"
CREATE TABLE account_balance (
    account_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64) NOT NULL,
    balance       BIGINT      NOT NULL,
    reserved      BIGINT      NOT NULL,
    overdraft     BIGINT      NOT NULL,
    last_sequence BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- projection "balance": one row per change of balance or reservations, so both can be answered as of any instant
CREATE TABLE ledger_entry (
    event_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id  VARCHAR(64) NOT NULL,
    sequence    BIGINT      NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    reference   VARCHAR(64) NOT NULL,
    tokens      BIGINT      NOT NULL,
    balance     BIGINT      NOT NULL,
    reserved    BIGINT      NOT NULL,
    CONSTRAINT ledger_entry_account_sequence UNIQUE (account_id, sequence)
);
CREATE INDEX ledger_entry_account_time ON ledger_entry (account_id, occurred_at);

-- projection "usage": one row per call, grouped at query time so that replaying any event twice changes nothing
CREATE TABLE call_usage (
    call_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id      VARCHAR(64)  NOT NULL,
    app_id         VARCHAR(64)  NOT NULL,
    endpoint       VARCHAR(128) NOT NULL,
    day            DATE         NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    blocked        BOOLEAN      NOT NULL DEFAULT FALSE,
    llm_tokens     BIGINT       NOT NULL DEFAULT 0,
    tokens_charged BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX call_usage_tenant_day ON call_usage (tenant_id, day);

-- projection "timeline": every event of a call, in order
CREATE TABLE call_timeline_entry (
    event_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    call_id     VARCHAR(64)  NOT NULL,
    account_id  VARCHAR(64)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    detail      JSONB        NOT NULL
);
CREATE INDEX call_timeline_entry_call ON call_timeline_entry (call_id, sequence);
