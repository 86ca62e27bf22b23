package io.sigmacode.gateway.it;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that runs in the command's transaction (the directory) and fails must fail the command: before, its
 * error was logged and swallowed, PostgreSQL rolled the aborted transaction back at commit, and the client got 201
 * for a tenant that was never stored.
 */
class SubscribingFailureTest extends GatewayIntegrationTest {

    @Test
    void aDirectoryThatCannotStoreFailsTheCommandAndNothingIsStored() {
        long tenantsBefore = tenantEvents();
        ownerJdbc().execute("ALTER TABLE tenant_view RENAME TO tenant_view_unavailable");
        int status;
        try {
            status = http.post().uri("/api/tenants")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Never stored"))
                    .exchange().expectBody().returnResult().getStatus().value();
        } finally {
            ownerJdbc().execute("ALTER TABLE tenant_view_unavailable RENAME TO tenant_view");
        }

        assertThat(status).as("no success reported for a write that was not stored").isGreaterThanOrEqualTo(500);
        assertThat(tenantEvents()).isEqualTo(tenantsBefore);
    }

    private long tenantEvents() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%.TenantCreatedEvent'", Long.class);
    }
}
