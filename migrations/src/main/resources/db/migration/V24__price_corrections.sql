-- projection "directory" (subscribing): each mistaken version and the version that corrected it. A table of its
-- own, since version 1 lives in code and has no row in price_book_version.
CREATE TABLE price_book_correction (
    mistaken_version   INTEGER      NOT NULL PRIMARY KEY,
    correcting_version INTEGER      NOT NULL,
    reason             VARCHAR(500) NOT NULL,
    corrected_at       TIMESTAMPTZ  NOT NULL
);

-- projection "reconciliation": every call's pricing inputs and its debit, to find the debits of a mistaken version
-- and to show each correction next to the original
CREATE TABLE priced_debit (
    call_id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id         VARCHAR(64)  NOT NULL,
    endpoint           VARCHAR(128) NOT NULL,
    app_id             VARCHAR(64),
    started_version    INTEGER,
    charge             JSONB,
    tokens             BIGINT,
    price_book_version INTEGER,
    debited_at         TIMESTAMPTZ,
    corrected_tokens   BIGINT,
    correcting_version INTEGER,
    corrected_at       TIMESTAMPTZ
);
CREATE INDEX priced_debit_version ON priced_debit (price_book_version, account_id);
CREATE INDEX priced_debit_correction ON priced_debit (account_id, corrected_at);
