package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.assertDifyError;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input PostgreSQL cannot store is refused with 400 before any command is sent, wherever it comes in; unreadable
 * Content-Types are 415, and no refusal names a Java type.
 */
class UnstorableInputTest extends GatewayIntegrationTest {

    private static final String NUL = "a\\u0000b";
    private static final String LONE_SURROGATE = "a\\ud800b";

    @Value("${local.server.port}")
    int port;

    private JsonNode send(HttpMethod method, String rawPath, String contentType, String body, int status) {
        var request = http.method(method).uri(URI.create("http://127.0.0.1:" + port + rawPath))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .header(HttpHeaders.CONTENT_TYPE, contentType);
        var spec = body == null ? request.exchange() : request.bodyValue(body).exchange();
        return read(spec.expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBodyContent());
    }

    private static void assertProblem(JsonNode problem, int status) {
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("java.", "io.sigmacode", "jackson");
    }

    @Test
    void everyManagementStringRefusesNulAndLoneSurrogates() {
        var tenant = gateway.onboard(100);
        String t = tenant.tenantId();
        long before = gateway.eventCount();
        for (String bad : new String[] {NUL, LONE_SURROGATE}) {
            String json = "application/json";
            assertProblem(send(HttpMethod.POST, "/api/tenants", json, "{\"name\":\"" + bad + "\"}", 400), 400);
            assertProblem(send(HttpMethod.POST, "/api/tenants/" + t + "/apps", json, "{\"name\":\"" + bad
                    + "\",\"difyApiKey\":\"app-x\",\"mode\":\"chat\"}", 400), 400);
            assertProblem(send(HttpMethod.POST, "/api/tenants/" + t + "/api-keys", json, "{\"name\":\"" + bad
                    + "\",\"appId\":\"" + tenant.appId() + "\",\"roles\":[\"developer\"]}", 400), 400);
            assertProblem(send(HttpMethod.POST, "/api/accounts/" + tenant.accountId() + "/grants", json,
                    "{\"tokens\":5,\"reason\":\"" + bad + "\"}", 400), 400);
            assertProblem(send(HttpMethod.PUT, "/api/tenants/" + t + "/firewall-policy", json,
                    "{\"version\":1,\"actions\":[{\"category\":\"" + bad + "\"}]}", 400), 400);
            assertProblem(send(HttpMethod.POST, "/api/firewall/scan", json,
                    "{\"stage\":\"PRE\",\"text\":\"" + bad + "\"}", 400), 400);
        }
        assertProblem(send(HttpMethod.GET, "/api/usage?tenantId=a%00b", "application/json", null, 400), 400);
        assertProblem(send(HttpMethod.GET, "/api/calls/%00", "application/json", null, 404), 404);
        assertThat(gateway.eventCount()).isEqualTo(before);
        assertThat(gateway.get("/api/tenants/" + t, ADMIN, 200).get("name").asText()).startsWith("Acme");
    }

    @Test
    void aChatWithNulInItsTextIsRefusedInDifysEnvelope() {
        var tenant = gateway.onboard(100);
        long before = gateway.eventCount();

        for (String body : new String[] {"{\"query\":\"" + NUL + "\",\"user\":\"u\"}",
                "{\"query\":\"hi\",\"user\":\"u\",\"inputs\":{\"k\":\"" + LONE_SURROGATE + "\"}}"}) {
            JsonNode answer = read(gateway.chat(tenant.key(), body).expectStatus().isBadRequest()
                    .expectBody().returnResult().getResponseBodyContent());
            assertDifyError(answer, 400, "invalid_param");
        }
        assertThat(gateway.eventCount()).isEqualTo(before);
        assertThat(DIFY.requestCount()).isZero();
    }

    @Test
    void anUnknownCharsetIs415NotAnUnreachableDify() {
        var tenant = gateway.onboard(100);
        long before = gateway.eventCount();

        var raw = new RawHttp(port);
        String type = "application/json; charset=nonexist";

        var chat = raw.send("POST", "/v1/chat-messages", Map.of("Authorization", "Bearer " + tenant.key(),
                "Content-Type", type), GatewayTestSupport.chatBody("hi").getBytes(StandardCharsets.UTF_8));
        assertThat(chat.status()).isEqualTo(415);
        assertDifyError(read(chat.body()), 415, "unsupported_media_type");
        var create = raw.send("POST", "/api/tenants", Map.of("Authorization", "Bearer " + ADMIN, "Content-Type",
                type), "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(create.status()).isEqualTo(415);
        assertProblem(read(create.body()), 415);
        assertThat(gateway.eventCount()).isEqualTo(before);
        assertThat(DIFY.requestCount()).isZero();
    }

    @Test
    void wrongTypesAreNamedInTheApisWordsNotJavas() {
        var tenant = gateway.onboard(0);
        String grants = "/api/accounts/" + tenant.accountId() + "/grants";

        JsonNode tokens = send(HttpMethod.POST, grants, "application/json", "{\"tokens\":\"many\",\"reason\":\"r\"}",
                400);
        assertProblem(tokens, 400);
        assertThat(tokens.get("detail").asText()).isEqualTo("tokens: expected a number in range");
        JsonNode stage = send(HttpMethod.POST, "/api/firewall/scan", "application/json",
                "{\"stage\":\"NEVER\",\"text\":\"x\"}", 400);
        assertProblem(stage, 400);
        assertThat(stage.get("detail").asText()).isEqualTo("stage: expected one of PRE, POST");
        assertProblem(send(HttpMethod.POST, grants, "application/json", "{\"tokens\":", 400), 400);
        assertProblem(send(HttpMethod.POST, grants, "application/json", "[1,2]", 400), 400);
        assertProblem(send(HttpMethod.GET, "/api/accounts/" + tenant.accountId() + "/balance?asOf=yesterday",
                "application/json", null, 400), 400);
    }
}
