package io.sigmacode.query.directory;

import io.sigmacode.kernel.tenant.ApiKeyIssuedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRevokedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRotatedEvent;
import io.sigmacode.kernel.tenant.AppCanariesSetEvent;
import io.sigmacode.kernel.tenant.AppRegisteredEvent;
import io.sigmacode.kernel.tenant.Role;
import io.sigmacode.kernel.tenant.TenantCreatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;

import java.time.Instant;
import java.util.stream.Collectors;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Tenants, apps and keys as the proxy looks them up. This group runs in the command's own transaction (subscribing
 * mode), so a key is usable the moment it is issued and dead the moment it is revoked.
 */
@Component
@ProcessingGroup(DirectoryProjection.NAME)
class DirectoryProjection {

    static final String NAME = "directory";

    private final JdbcTemplate jdbc;

    DirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantCreatedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO tenant_view (tenant_id, account_id, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO NOTHING""", event.tenantId(), event.accountId(), event.name(), utc(at));
    }

    @EventHandler
    void on(AppRegisteredEvent event) {
        jdbc.update("""
                INSERT INTO app_view (app_id, tenant_id, name, mode, sealed_dify_key) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (app_id) DO NOTHING""",
                event.appId(), event.tenantId(), event.name(), event.mode().wire(), event.sealedDifyKey());
    }

    @EventHandler
    void on(AppCanariesSetEvent event) {
        jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement(
                    "UPDATE app_view SET canaries = ? WHERE app_id = ?");
            update.setArray(1, connection.createArrayOf("text", event.canaries().toArray()));
            update.setString(2, event.appId());
            return update;
        });
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event) {
        String roles = event.roles().stream().map(Role::wire).sorted().collect(Collectors.joining(","));
        jdbc.update("""
                INSERT INTO api_key_view (key_hash, key_id, tenant_id, app_id, name, roles, key_prefix, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_hash) DO NOTHING""",
                event.keyHash(), event.keyId(), event.tenantId(), event.appId(), event.name(), roles,
                event.keyPrefix(), event.expiresAt() == null ? null : utc(event.expiresAt()));
    }

    @EventHandler
    void on(ApiKeyRotatedEvent event) {
        jdbc.update("UPDATE api_key_view SET expires_at = ? WHERE key_id = ?", utc(event.validUntil()),
                event.keyId());
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event) {
        jdbc.update("UPDATE api_key_view SET revoked = TRUE WHERE key_id = ?", event.keyId());
    }

    /** DELETE, not TRUNCATE: readers keep the old rows until a replay commits ({@link DirectoryReplay}). */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM api_key_view");
        jdbc.update("DELETE FROM app_view");
        jdbc.update("DELETE FROM tenant_view");
    }
}
