-- projection "directory" (subscribing: a published version is in the table when the publication returns).
-- Version 1 lives in code, so a fresh install has prices and this table starts empty.
CREATE TABLE price_book_version (
    version      INTEGER     NOT NULL PRIMARY KEY,
    document     JSONB       NOT NULL,
    published_at TIMESTAMPTZ NOT NULL
);
