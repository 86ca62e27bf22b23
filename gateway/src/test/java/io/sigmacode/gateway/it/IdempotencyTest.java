package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.assertDifyError;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/** A client retry with the same Idempotency-Key gets the first outcome and does not pay twice. */
class IdempotencyTest extends GatewayIntegrationTest {

    private EntityExchangeResult<byte[]> chat(String key, String idempotencyKey, String body, int status) {
        return http.post().uri("/v1/chat-messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectBody().returnResult();
    }

    private long debits(String accountId) {
        return gateway.eventTypes(accountId).stream().filter("TokensDebitedEvent"::equals).count();
    }

    @Test
    void aRetryReplaysTheFirstAnswerWithoutChargingAgain() {
        var tenant = gateway.onboard(100);

        var first = chat(tenant.key(), "order-42", chatBody("hello"), 200);
        var retry = chat(tenant.key(), "order-42", chatBody("hello"), 200);

        assertThat(retry.getResponseBodyContent()).isEqualTo(first.getResponseBodyContent());
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getResponseHeaders().getFirst("X-Sigmacode-Call-Id"))
                .isEqualTo(first.getResponseHeaders().getFirst("X-Sigmacode-Call-Id"));
        assertThat(DIFY.requestCount()).isEqualTo(1);
        assertThat(debits(tenant.accountId())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        var tenant = gateway.onboard(100);
        chat(tenant.key(), "order-43", chatBody("hello"), 200);

        JsonNode body = read(chat(tenant.key(), "order-43", chatBody("something else"), 422)
                .getResponseBodyContent());

        assertDifyError(body, 422, "idempotency_key_mismatch");
        assertThat(DIFY.requestCount()).isEqualTo(1);
    }

    @Test
    void aCallRefusedForMoneyGivesTheKeyBackForARealRetry() {
        var tenant = gateway.onboard(0);
        assertDifyError(read(chat(tenant.key(), "order-44", chatBody("hello"), 402).getResponseBodyContent()),
                402, "insufficient_tokens");

        gateway.post("/api/accounts/" + tenant.accountId() + "/grants", ADMIN, Map.of("tokens", 50, "reason", "top-up"),
                201);
        var retry = chat(tenant.key(), "order-44", chatBody("hello"), 200);

        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(DIFY.requestCount()).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheirTenant() {
        var one = gateway.onboard(100);
        var other = gateway.onboard(100);

        chat(one.key(), "shared-key", chatBody("hello"), 200);
        var theirs = chat(other.key(), "shared-key", chatBody("hello"), 200);

        assertThat(theirs.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(DIFY.requestCount()).isEqualTo(2);
    }

    @Test
    void anInvalidKeyIsBadInput() {
        var tenant = gateway.onboard(100);

        assertDifyError(read(chat(tenant.key(), "has space", chatBody("hello"), 400).getResponseBodyContent()),
                400, "invalid_param");
        assertThat(DIFY.requestCount()).isZero();
    }
}
