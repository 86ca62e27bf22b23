-- Gateway nodes renew a lease here every few seconds. A call in flight belongs to the node that carries it: recovery
-- and Idempotency-Key takeover leave it alone while that node's lease is current, however long the call runs.
-- Not a projection: liveness is a fact about processes, not about events.
CREATE TABLE gateway_node (
    node_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at  TIMESTAMPTZ NOT NULL,
    renewed_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);

-- the node that forwarded each open call (null for calls forwarded before nodes were named: recovered by age)
ALTER TABLE open_call ADD COLUMN node_id VARCHAR(64);

-- the node whose call holds an Idempotency-Key that has no outcome yet
ALTER TABLE idempotency_record ADD COLUMN node_id VARCHAR(64);
