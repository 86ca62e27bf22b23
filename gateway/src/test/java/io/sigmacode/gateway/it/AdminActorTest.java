package io.sigmacode.gateway.it;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/** An admin action's events name who did it (the admin token, or the acting key) and the request it came from. */
class AdminActorTest extends GatewayIntegrationTest {

    /** The metadata of the aggregate's events of one type, in order, joined. */
    private String metadataOf(String aggregateId, String eventType) {
        return String.join("\n", jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number""", String.class,
                aggregateId, "%." + eventType));
    }

    @Test
    void eventsOfAnAdminActionCarryTheActorAndTheRequestId() {
        var created = http.post().uri("/api/tenants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .header("X-Request-Id", "req-4711")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Audited"))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("X-Request-Id", "req-4711")
                .expectBody().returnResult();
        String tenantId = read(created.getResponseBodyContent()).get("tenantId").asText();

        assertThat(metadataOf(tenantId, "TenantCreatedEvent")).contains("\"actor\":\"platform-admin\"")
                .contains("\"requestId\":\"req-4711\"");
    }

    @Test
    void aKeysActionIsRecordedUnderTheKey() {
        var tenant = gateway.onboard(0);
        var issued = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name", "admin",
                "appId", tenant.appId(), "roles", List.of("tenant-admin")), 201);

        gateway.post("/api/tenants/" + tenant.tenantId() + "/apps", issued.get("key").asText(), Map.of("name",
                "second", "difyApiKey", "app-standin-chat-000000000000", "mode", "chat"), 201);

        assertThat(metadataOf(tenant.tenantId(), "AppRegisteredEvent")).contains("\"actor\":\"platform-admin\"")
                .contains("\"actor\":\"key:" + issued.get("keyId").asText() + "\"");
    }
}
