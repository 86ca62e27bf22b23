package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys expire, rotate with a grace period the caller sets, and stop at once when revoked; each step is on record. */
class KeyLifecycleTest extends GatewayIntegrationTest {

    private JsonNode issue(GatewayTestSupport.Tenant tenant, String role, Object expiresAt) {
        return gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, expiresAt == null
                ? Map.of("name", role, "appId", tenant.appId(), "roles", List.of(role))
                : Map.of("name", role, "appId", tenant.appId(), "roles", List.of(role), "expiresAt", expiresAt), 201);
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        var tenant = gateway.onboard(1_000);
        Instant expiresAt = Instant.now().plusSeconds(2);
        JsonNode issued = issue(tenant, "developer", expiresAt.toString());
        String key = issued.get("key").asText();
        assertThat(Instant.parse(issued.get("expiresAt").asText())).isEqualTo(expiresAt);

        await().untilAsserted(() -> gateway.chat(key, chatBody("hello")).expectStatus().isUnauthorized());
        JsonNode problem = gateway.get("/api/price-book", key, 401);
        assertThat(problem.get("detail").asText()).contains("expired");
    }

    @Test
    void anExpiryInThePastIsRefused() {
        var tenant = gateway.onboard(0);

        JsonNode problem = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name", "x",
                "appId", tenant.appId(), "roles", List.of("developer"), "expiresAt", "2020-01-01T00:00:00Z"), 400);

        assertThat(problem.get("detail").asText()).isEqualTo("expiresAt must be in the future");
    }

    @Test
    void aRotatedKeyWorksNextToItsSuccessorForTheGracePeriodAndTheEventsNameWhoRotatedIt() {
        var tenant = gateway.onboard(1_000);
        JsonNode admin = issue(tenant, "tenant-admin", null);
        JsonNode developer = issue(tenant, "developer", null);

        var result = http.post().uri("/api/tenants/" + tenant.tenantId() + "/api-keys/"
                        + developer.get("keyId").asText() + "/rotation")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.get("key").asText())
                .header("X-Request-Id", "rotate-4711")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("gracePeriodSeconds", 3600))
                .exchange().expectStatus().isCreated().expectBody().returnResult();
        JsonNode rotated = read(result.getResponseBodyContent());

        assertThat(rotated.get("replacedKeyId").asText()).isEqualTo(developer.get("keyId").asText());
        assertThat(Instant.parse(rotated.get("replacedKeyValidUntil").asText()))
                .isAfter(Instant.now().plusSeconds(3000));
        gateway.chat(developer.get("key").asText(), chatBody("old")).expectStatus().isOk();
        gateway.chat(rotated.get("key").asText(), chatBody("new")).expectStatus().isOk();
        assertThat(metadataOf(tenant.tenantId(), "ApiKeyRotatedEvent"))
                .contains("\"actor\":\"key:" + admin.get("keyId").asText() + "\"")
                .contains("\"requestId\":\"rotate-4711\"");
    }

    @Test
    void withoutAGracePeriodTheOldKeyStopsAtOnceEvenRightAfterItWasUsed() {
        var tenant = gateway.onboard(1_000);
        JsonNode developer = issue(tenant, "developer", null);
        gateway.chat(developer.get("key").asText(), chatBody("cached")).expectStatus().isOk();

        JsonNode rotated = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys/"
                + developer.get("keyId").asText() + "/rotation", ADMIN, Map.of("gracePeriodSeconds", 0), 201);

        gateway.chat(developer.get("key").asText(), chatBody("old")).expectStatus().isUnauthorized();
        gateway.chat(rotated.get("key").asText(), chatBody("new")).expectStatus().isOk();
        gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys/" + developer.get("keyId").asText()
                + "/rotation", ADMIN, Map.of("gracePeriodSeconds", 0), 409);
    }

    @Test
    void aRevocationStopsTheKeyAtOnceAndNamesWhoRevokedIt() {
        var tenant = gateway.onboard(1_000);
        JsonNode admin = issue(tenant, "tenant-admin", null);
        JsonNode finance = issue(tenant, "finance", null);
        gateway.get("/api/accounts/" + tenant.accountId() + "/balance", finance.get("key").asText(), 200);

        http.delete().uri("/api/tenants/" + tenant.tenantId() + "/api-keys/" + finance.get("keyId").asText())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.get("key").asText())
                .header("X-Request-Id", "revoke-4711")
                .exchange().expectStatus().isNoContent();

        gateway.get("/api/accounts/" + tenant.accountId() + "/balance", finance.get("key").asText(), 401);
        assertThat(metadataOf(tenant.tenantId(), "ApiKeyRevokedEvent"))
                .contains("\"actor\":\"key:" + admin.get("keyId").asText() + "\"")
                .contains("\"requestId\":\"revoke-4711\"");
    }

    private String metadataOf(String aggregateId, String eventType) {
        return String.join("\n", jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number""", String.class,
                aggregateId, "%." + eventType));
    }
}
