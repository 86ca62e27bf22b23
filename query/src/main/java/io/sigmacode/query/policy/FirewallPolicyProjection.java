package io.sigmacode.query.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.policy.FindFirewallPolicyQuery;
import io.sigmacode.kernel.policy.FirewallPolicyPublishedEvent;
import io.sigmacode.kernel.policy.FirewallPolicyResponse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;

/**
 * The policy in force per tenant. It belongs to the subscribing {@code directory} group: a published policy is in
 * the table when the publication returns, so the next call is judged by it.
 */
@Component
@ProcessingGroup("directory")
class FirewallPolicyProjection {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JdbcTemplate jdbc;

    FirewallPolicyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FirewallPolicyPublishedEvent event) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO firewall_policy_view (tenant_id, version, document) VALUES (?, ?, CAST(? AS JSONB))
                ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version, document = EXCLUDED.document
                WHERE firewall_policy_view.version < EXCLUDED.version""",
                event.tenantId(), event.version(), JSON.writeValueAsString(event.document()));
    }

    /** @return null when the tenant never published a policy */
    @QueryHandler
    FirewallPolicyResponse handle(FindFirewallPolicyQuery query) {
        return jdbc.query("SELECT version, document::text FROM firewall_policy_view WHERE tenant_id = ?",
                rs -> rs.next() ? new FirewallPolicyResponse(query.tenantId(), rs.getInt(1), read(rs.getString(2)))
                        : null,
                query.tenantId());
    }

    private static FirewallPolicyDocument read(String json) {
        try {
            return JSON.readValue(json, FirewallPolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE firewall_policy_view");
    }
}
