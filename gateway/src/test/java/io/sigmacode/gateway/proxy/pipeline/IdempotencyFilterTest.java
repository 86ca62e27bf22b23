package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sigmacode.gateway.proxy.pipeline.IdempotencyStore.Recorded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class IdempotencyFilterTest {

    private final IdempotencyStore store = mock(IdempotencyStore.class);
    private final IdempotencyFilter filter = new IdempotencyFilter(store);
    private final FilterHarness harness = new FilterHarness();

    @BeforeEach
    void setUp() {
        when(store.release(anyString(), anyString(), anyString())).thenReturn(Mono.empty());
        when(store.complete(anyString(), anyString(), anyString(), any(Integer.class), anyString(), any()))
                .thenReturn(Mono.empty());
    }

    private static MockServerWebExchange chat(String key) {
        var exchange = FilterHarness.authenticated(MockServerHttpRequest.post("/v1/chat-messages")
                .header(IdempotencyFilter.HEADER, key).build(), ProxyRoute.CHAT_MESSAGES);
        ProxyCall.of(exchange).request(new ProxyCall.Request("{}".getBytes(StandardCharsets.UTF_8),
                JsonNodeFactory.instance.objectNode(), ""));
        return exchange;
    }

    @Test
    void theFirstCallOwnsTheKeyAndItsSettledAnswerIsKeptEvenIfTheClientLeft() {
        when(store.claim(eq("tenant-1"), eq("k-1"), eq("call-1"), anyString()))
                .thenReturn(Mono.just(Optional.empty()));
        var exchange = chat("k-1");
        var call = ProxyCall.of(exchange);

        filter.filter(exchange, harness.chain).block();
        call.admitted();
        call.answered(ProxyReply.of(200, MediaType.APPLICATION_JSON, "{\"answer\":\"hi\"}".getBytes()));

        assertThat(harness.passedOn.get()).isNotNull();
        assertThat(call.idempotencyKey()).isEqualTo("k-1");
        verify(store).complete(eq("tenant-1"), eq("k-1"), eq("call-1"), eq(200), eq("application/json"), any());
    }

    @Test
    void aRetryGetsTheRecordedAnswerMarkedAsReplayed() {
        when(store.claim(anyString(), anyString(), anyString(), anyString())).thenReturn(Mono.just(Optional.of(
                new Recorded("call-0", sha256Of("{}"), 200, "application/json", "{\"answer\":\"hi\"}".getBytes()))));
        var exchange = chat("k-1");

        filter.filter(exchange, harness.chain).block();

        assertThat(harness.passedOn.get()).isNull();
        assertThat(exchange.getResponse().getHeaders().getFirst(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(exchange.getResponse().getHeaders().getFirst(CallIdFilter.HEADER)).isEqualTo("call-0");
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"answer\":\"hi\"}");
    }

    @Test
    void aKeyReusedForAnotherBodyIs422AndOneStillRunningIs409() {
        when(store.claim(anyString(), anyString(), anyString(), anyString())).thenReturn(Mono.just(Optional.of(
                new Recorded("call-0", "another-hash", 200, "application/json", new byte[0]))));
        var mismatch = chat("k-1");
        filter.filter(mismatch, harness.chain).block();
        assertThat(mismatch.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

        when(store.claim(anyString(), anyString(), anyString(), anyString())).thenReturn(Mono.just(Optional.of(
                new Recorded("call-0", sha256Of("{}"), null, null, null))));
        var running = chat("k-1");
        filter.filter(running, harness.chain).block();
        assertThat(running.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aCallRefusedBeforeAdmissionGivesTheKeyBack() {
        when(store.claim(anyString(), anyString(), anyString(), anyString())).thenReturn(Mono.just(Optional.empty()));

        filter.filter(chat("k-2"), harness.chain).block();

        verify(store).release("tenant-1", "k-2", "call-1");
        verify(store, never()).complete(anyString(), anyString(), anyString(), any(Integer.class), anyString(), any());
    }

    @Test
    void aMalformedKeyIsRefused() {
        var exchange = chat("with space");

        filter.filter(exchange, harness.chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private static String sha256Of(String body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
