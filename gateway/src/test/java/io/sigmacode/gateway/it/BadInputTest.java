package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.assertDifyError;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends wrong gets a clear error, never a 500, and leaves no event behind. */
class BadInputTest extends GatewayIntegrationTest {

    private JsonNode chatRaw(String key, String contentType, byte[] body, int status) {
        var request = http.post().uri("/v1/chat-messages").header(HttpHeaders.CONTENT_TYPE, contentType);
        if (key != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        return read(request.bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().exists("X-Sigmacode-Call-Id")
                .expectBody().returnResult().getResponseBodyContent());
    }

    @Test
    void malformedJsonIsRefusedWithoutAnEvent() {
        var tenant = gateway.onboard(100);
        long before = gateway.eventCount();

        JsonNode body = chatRaw(tenant.key(), "application/json", "{\"query\": \"hi\",".getBytes(), 400);

        assertDifyError(body, 400, "invalid_param");
        assertThat(body.get("message").asText()).isEqualTo("Invalid JSON payload received or JSON payload is empty.");
        assertThat(gateway.eventCount()).isEqualTo(before);
        assertThat(DIFY.requestCount()).isZero();
    }

    @Test
    void emptyBodyIsRefusedWithoutAnEvent() {
        var tenant = gateway.onboard(100);
        long before = gateway.eventCount();

        assertDifyError(chatRaw(tenant.key(), "application/json", new byte[0], 400), 400, "invalid_param");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void missingUserIsRefusedLikeDifyDoes() {
        var tenant = gateway.onboard(100);
        long before = gateway.eventCount();

        JsonNode body = chatRaw(tenant.key(), "application/json",
                "{\"inputs\":{},\"query\":\"hi\"}".getBytes(), 400);

        assertThat(body.get("message").asText()).isEqualTo("Arg user must be provided.");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void missingKeyIsUnauthorizedWithDifysChallenge() {
        long before = gateway.eventCount();

        http.post().uri("/v1/chat-messages").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(GatewayTestSupport.chatBody("hi")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void unknownKeyIsUnauthorized() {
        long before = gateway.eventCount();

        JsonNode body = chatRaw("sgk_not-a-key", "application/json", GatewayTestSupport.chatBody("hi").getBytes(), 401);

        assertDifyError(body, 401, "unauthorized");
        assertThat(body.get("message").asText()).isEqualTo("Access token is invalid");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void revokedKeyStopsAtOnceEvenRightAfterItWasUsed() {
        var tenant = gateway.onboard(100);
        gateway.chat(tenant.key(), GatewayTestSupport.chatBody("hi")).expectStatus().isOk();
        String keyId = jdbc.queryForObject("SELECT key_id FROM api_key_view WHERE tenant_id = ?", String.class,
                tenant.tenantId());

        http.delete().uri("/api/tenants/" + tenant.tenantId() + "/api-keys/" + keyId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange()
                .expectStatus().isNoContent();

        assertDifyError(chatRaw(tenant.key(), "application/json", GatewayTestSupport.chatBody("hi").getBytes(), 401),
                401, "unauthorized");
    }

    @Test
    void oversizedBodyIs413() {
        var tenant = gateway.onboard(100);
        long before = gateway.eventCount();
        byte[] huge = ("{\"query\":\"" + "a".repeat(1_100_000) + "\",\"user\":\"u\"}").getBytes();

        assertDifyError(chatRaw(tenant.key(), "application/json", huge, 413), 413, "payload_too_large");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void unknownAppIsRefusedWhenIssuingAKey() {
        var tenant = gateway.onboard(0);
        long before = gateway.eventCount();

        JsonNode problem = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN,
                Map.of("name", "ci", "appId", "no-such-app", "roles", List.of("developer")), 404);

        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asText()).isEqualTo("app no-such-app not found");
        assertThat(gateway.eventCount()).isEqualTo(before);
    }

    @Test
    void unservedRouteIsANotFoundInDifysEnvelope() {
        var tenant = gateway.onboard(0);

        JsonNode body = read(http.get().uri("/v1/nonsense").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .exchange().expectStatus().isNotFound().expectBody().returnResult().getResponseBodyContent());

        assertDifyError(body, 404, "not_found");
    }
}
