package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.standin.DifyStandIn;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the gateway the way the README's walk-through does: tenant, app, key, grant, then calls. */
final class GatewayTestSupport {

    static final String ADMIN = "test-admin-token-0123456789abcdefghij";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WebTestClient http;
    private final JdbcTemplate jdbc;

    GatewayTestSupport(WebTestClient http, JdbcTemplate jdbc) {
        this.http = http;
        this.jdbc = jdbc;
    }

    record Tenant(String tenantId, String accountId, String appId, String key) {
    }

    Tenant onboard(long grantTokens) {
        return onboard(grantTokens, "chat", DifyStandIn.DEFAULT_CHAT_KEY);
    }

    /** A tenant whose app has this Dify mode and Dify key (the stand-in's key for the mode). */
    Tenant onboard(long grantTokens, String mode, String difyKey) {
        JsonNode tenant = post("/api/tenants", ADMIN, Map.of("name", "Acme " + System.nanoTime()), 201);
        String tenantId = tenant.get("tenantId").asText();
        String accountId = tenant.get("accountId").asText();
        String appId = post("/api/tenants/" + tenantId + "/apps", ADMIN, Map.of("name", "Support bot",
                "difyApiKey", difyKey, "mode", mode), 201).get("appId").asText();
        String key = post("/api/tenants/" + tenantId + "/api-keys", ADMIN, Map.of("name", "ci", "appId", appId,
                "roles", List.of("developer")), 201).get("key").asText();
        if (grantTokens > 0) {
            post("/api/accounts/" + accountId + "/grants", ADMIN, Map.of("tokens", grantTokens, "reason", "test"), 201);
        }
        return new Tenant(tenantId, accountId, appId, key);
    }

    JsonNode post(String path, String token, Object body, int expectedStatus) {
        byte[] response = http.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(expectedStatus)
                .expectBody().returnResult().getResponseBodyContent();
        return read(response);
    }

    JsonNode get(String path, String token, int expectedStatus) {
        return read(http.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(expectedStatus)
                .expectBody().returnResult().getResponseBodyContent());
    }

    WebTestClient.ResponseSpec chat(String key, String body) {
        return http.post().uri("/v1/chat-messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    static String chatBody(String query) {
        try {
            return JSON.writeValueAsString(Map.of("inputs", Map.of(), "query", query, "response_mode", "blocking",
                    "user", "abc-123"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    List<String> eventTypes(String accountId) {
        return jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, accountId).stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    /**
     * Waits until every call started on the account has ended in the event store: free calls and transfers are
     * recorded after their answer, so a test that does not wait could see its records land in the next test.
     */
    void awaitCallsEnded(String accountId) {
        await().until(() -> {
            List<String> types = eventTypes(accountId);
            long started = types.stream().filter("CallStartedEvent"::equals).count();
            long ended = types.stream().filter(t -> t.equals("CallCompletedEvent") || t.equals("CallFailedEvent"))
                    .count();
            return started > 0 && started == ended;
        });
    }

    static JsonNode read(byte[] body) {
        try {
            return body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + new String(body), e);
        }
    }

    static void assertDifyError(JsonNode body, int status, String code) {
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
