-- Outcomes of proxied calls sent with an Idempotency-Key, so that a retry within 24 h gets the first outcome and
-- pays nothing. Not a projection: the proxy claims a key before it forwards and fills in the outcome after; rows
-- expire after 24 h and are deleted by the gateway.
CREATE TABLE idempotency_record (
    tenant_id       VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    call_id         VARCHAR(64)  NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    claimed_at      TIMESTAMPTZ  NOT NULL,
    status          INTEGER,
    content_type    VARCHAR(255),
    body            BYTEA,
    PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX idempotency_record_claimed_at ON idempotency_record (claimed_at);
