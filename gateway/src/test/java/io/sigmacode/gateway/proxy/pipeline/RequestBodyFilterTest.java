package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.config.DifyProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyFilterTest {

    private final RequestBodyFilter filter = new RequestBodyFilter(new DifyProperties(URI.create("http://dify/v1"),
            Duration.ofSeconds(1), Duration.ofSeconds(5), DataSize.ofBytes(200), DataSize.ofBytes(100),
            DataSize.ofBytes(50), 10));
    private final FilterHarness harness = new FilterHarness();

    private static MockServerWebExchange chat(String body) {
        return FilterHarness.authenticated(MockServerHttpRequest.post("/v1/chat-messages")
                .contentType(MediaType.APPLICATION_JSON).body(body), ProxyRoute.CHAT_MESSAGES);
    }

    @Test
    void aWellFormedChatIsReadOnceWithItsPrompt() {
        var exchange = chat("{\"query\":\"hi\",\"inputs\":{\"a\":\"b\"},\"user\":\"u\",\"response_mode\":\"streaming\"}");

        filter.filter(exchange, harness.chain).block();

        var call = ProxyCall.of(exchange);
        assertThat(harness.passedOn.get()).isNotNull();
        assertThat(call.promptText()).isEqualTo("hi\nb");
        assertThat(call.streaming()).isTrue();
    }

    @Test
    void whatDifyWouldRefuseIsRefusedWithDifysMessage() throws Exception {
        var noUser = chat("{\"query\":\"hi\"}");
        filter.filter(noUser, harness.chain).block();
        assertThat(noUser.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(FilterHarness.envelope(noUser).get("message").asText()).isEqualTo("Arg user must be provided.");

        var notJson = chat("query=hi");
        filter.filter(notJson, harness.chain).block();
        assertThat(FilterHarness.envelope(notJson).get("message").asText())
                .isEqualTo(RequestBodyFilter.INVALID_JSON);
        assertThat(harness.passedOn.get()).isNull();
    }

    @Test
    void aBodyAboveTheLimitIs413() throws Exception {
        var large = chat("{\"query\":\"" + "x".repeat(300) + "\",\"user\":\"u\"}");

        filter.filter(large, harness.chain).block();

        assertThat(large.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(FilterHarness.envelope(large).get("code").asText()).isEqualTo("payload_too_large");
    }
}
