-- projection "reconciliation": Stripe payments as their aggregate recorded them, and what the accounts recorded
CREATE TABLE stripe_payment_view (
    payment_id         VARCHAR(255) NOT NULL PRIMARY KEY,
    session_id         VARCHAR(255),
    account_id         VARCHAR(64),
    package_id         VARCHAR(64),
    price_book_version INTEGER,
    tokens             BIGINT       NOT NULL DEFAULT 0,
    amount_minor       BIGINT       NOT NULL DEFAULT 0,
    currency           VARCHAR(3),
    refunded_minor     BIGINT       NOT NULL DEFAULT 0,
    paid_at            TIMESTAMPTZ,
    first_seen_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX stripe_payment_view_paid ON stripe_payment_view (paid_at);
CREATE INDEX stripe_payment_view_session ON stripe_payment_view (session_id);

CREATE TABLE stripe_dispute_view (
    dispute_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    payment_id   VARCHAR(255) NOT NULL,
    amount_minor BIGINT       NOT NULL,
    currency     VARCHAR(3),
    status       VARCHAR(8)   NOT NULL
);
CREATE INDEX stripe_dispute_view_payment ON stripe_dispute_view (payment_id);

CREATE TABLE purchase_credit_view (
    credit_id          VARCHAR(255) NOT NULL PRIMARY KEY,
    account_id         VARCHAR(64)  NOT NULL,
    session_id         VARCHAR(255) NOT NULL,
    payment_intent_id  VARCHAR(255),
    package_id         VARCHAR(64),
    price_book_version INTEGER      NOT NULL,
    tokens             BIGINT       NOT NULL,
    amount_minor       BIGINT       NOT NULL,
    currency           VARCHAR(3),
    credited_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX purchase_credit_view_session ON purchase_credit_view (session_id);
CREATE INDEX purchase_credit_view_time ON purchase_credit_view (credited_at);

CREATE TABLE payment_revocation_view (
    event_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id VARCHAR(64)  NOT NULL,
    payment_id VARCHAR(255) NOT NULL,
    tokens     BIGINT       NOT NULL,
    reason     VARCHAR(16)  NOT NULL,
    revoked_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX payment_revocation_view_payment ON payment_revocation_view (payment_id);
