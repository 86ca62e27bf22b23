-- projection "open-calls": calls that reached Dify and are not finished yet, so that a call whose gateway died
-- mid-flight is found and settled instead of holding its reservation for ever
CREATE TABLE open_call (
    call_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id   VARCHAR(64)  NOT NULL,
    endpoint     VARCHAR(128) NOT NULL,
    forwarded_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX open_call_forwarded_at ON open_call (forwarded_at);
