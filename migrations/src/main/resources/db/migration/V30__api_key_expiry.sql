-- projection "directory": a key stops working at expires_at (NULL: never); a rotation sets it on the old key to the
-- end of its grace period.
ALTER TABLE api_key_view ADD COLUMN expires_at TIMESTAMPTZ;
