-- projection "directory" (subscribing): the firewall policy in force per tenant, updated with its publication
CREATE TABLE firewall_policy_view (
    tenant_id VARCHAR(64) NOT NULL PRIMARY KEY,
    version   INTEGER     NOT NULL,
    document  JSONB       NOT NULL
);
