package io.sigmacode.query.directory;

import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.ApiKeyResponse;
import io.sigmacode.kernel.tenant.AppMode;
import io.sigmacode.kernel.tenant.AppResponse;
import io.sigmacode.kernel.tenant.FindApiKeyByIdQuery;
import io.sigmacode.kernel.tenant.FindApiKeyQuery;
import io.sigmacode.kernel.tenant.FindAppQuery;
import io.sigmacode.kernel.tenant.FindTenantByAccountQuery;
import io.sigmacode.kernel.tenant.FindTenantQuery;
import io.sigmacode.kernel.tenant.Role;
import io.sigmacode.kernel.tenant.TenantResponse;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Each handler answers null for an unknown id; the HTTP layer turns that into 404. */
@Component
class DirectoryQueries {

    private final JdbcTemplate jdbc;

    DirectoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    ApiKeyPrincipal handle(FindApiKeyQuery query) {
        return jdbc.query("""
                        SELECT k.key_id, k.tenant_id, t.account_id, k.app_id, a.mode, a.sealed_dify_key, k.roles, k.revoked,
                               a.canaries, k.expires_at
                        FROM api_key_view k JOIN app_view a ON a.app_id = k.app_id JOIN tenant_view t ON t.tenant_id = k.tenant_id
                        WHERE k.key_hash = ?""",
                rs -> rs.next() ? new ApiKeyPrincipal(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), AppMode.fromWire(rs.getString(5)), rs.getString(6), roles(rs.getString(7)),
                        rs.getBoolean(8), List.of((String[]) rs.getArray(9).getArray()),
                        instant(rs.getObject(10, OffsetDateTime.class))) : null,
                query.keyHash());
    }

    @QueryHandler
    ApiKeyResponse handle(FindApiKeyByIdQuery query) {
        return jdbc.query("""
                        SELECT key_id, tenant_id, app_id, name, roles, key_prefix, revoked, expires_at FROM api_key_view
                        WHERE key_id = ?""",
                rs -> rs.next() ? new ApiKeyResponse(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), roles(rs.getString(5)), rs.getString(6), rs.getBoolean(7),
                        instant(rs.getObject(8, OffsetDateTime.class))) : null,
                query.keyId());
    }

    @QueryHandler
    TenantResponse handle(FindTenantQuery query) {
        return jdbc.query("SELECT tenant_id, account_id, name FROM tenant_view WHERE tenant_id = ?",
                rs -> rs.next() ? new TenantResponse(rs.getString(1), rs.getString(2), rs.getString(3)) : null,
                query.tenantId());
    }

    @QueryHandler
    TenantResponse handle(FindTenantByAccountQuery query) {
        return jdbc.query("SELECT tenant_id, account_id, name FROM tenant_view WHERE account_id = ?",
                rs -> rs.next() ? new TenantResponse(rs.getString(1), rs.getString(2), rs.getString(3)) : null,
                query.accountId());
    }

    @QueryHandler
    AppResponse handle(FindAppQuery query) {
        return jdbc.query("SELECT app_id, tenant_id, name, mode FROM app_view WHERE app_id = ?",
                rs -> rs.next() ? new AppResponse(rs.getString(1), rs.getString(2), rs.getString(3),
                        AppMode.fromWire(rs.getString(4))) : null,
                query.appId());
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static Set<Role> roles(String csv) {
        return Arrays.stream(csv.split(",")).map(Role::fromWire).collect(Collectors.toSet());
    }
}
