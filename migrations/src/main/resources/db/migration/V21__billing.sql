-- projection "balance": tokens frozen by open disputes, as of every ledger row
ALTER TABLE account_balance ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ledger_entry ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
-- Stripe's ids (cs_test_… of 66 characters and more) do not fit the call ids' 64
ALTER TABLE ledger_entry ALTER COLUMN reference TYPE VARCHAR(255);

-- Written by the webhook itself, not a projection: every signed Stripe event it accepted, once, with what became
-- of it (credited, applied, pending, duplicate, unmatched, ignored). A redelivery of a recorded id is answered at
-- once; the payments' own aggregate is what makes a credit exactly-once.
CREATE TABLE stripe_event (
    event_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    type        VARCHAR(128) NOT NULL,
    outcome     VARCHAR(32)  NOT NULL,
    detail      VARCHAR(500),
    object_id   VARCHAR(255),
    payment_id  VARCHAR(255),
    account_id  VARCHAR(255),
    received_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX stripe_event_received ON stripe_event (received_at);
