package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.config.DifyProperties;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitFilterTest {

    private final BodyLimitFilter filter = new BodyLimitFilter(new DifyProperties(URI.create("http://dify/v1"),
            Duration.ofSeconds(1), Duration.ofSeconds(5), DataSize.ofBytes(10), DataSize.ofBytes(100),
            DataSize.ofBytes(50), 10));
    private final FilterHarness harness = new FilterHarness();

    @Test
    void eachRouteHasItsOwnLimit() {
        assertThat(filter.limit(ProxyRoute.FILES_UPLOAD)).isEqualTo(100);
        assertThat(filter.limit(ProxyRoute.AUDIO_TO_TEXT)).isEqualTo(50);
        assertThat(filter.limit(ProxyRoute.FEEDBACK)).isEqualTo(10);
    }

    @Test
    void aDeclaredBodyAboveTheLimitIsRefusedWith413AndNothingGoesOn() throws Exception {
        var exchange = FilterHarness.authenticated(MockServerHttpRequest.post("/v1/audio-to-text")
                .contentLength(51).body("x".repeat(51)), ProxyRoute.AUDIO_TO_TEXT);

        filter.filter(exchange, harness.chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(FilterHarness.envelope(exchange).get("code").asText()).isEqualTo("payload_too_large");
        assertThat(harness.passedOn.get()).isNull();
    }

    @Test
    void aChunkedBodyIsCutAtTheLimitAsItStreams() {
        var chunks = Flux.range(0, 12).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[10]));
        var exchange = FilterHarness.authenticated(MockServerHttpRequest.post("/v1/files/upload").body(chunks),
                ProxyRoute.FILES_UPLOAD);

        filter.filter(exchange, harness.chain).block();

        StepVerifier.create(DataBufferUtils.join(harness.passedOn.get().getRequest().getBody()))
                .expectError(DataBufferLimitException.class)
                .verify();
    }

    @Test
    void generationsAreLeftToTheBodyReader() {
        var exchange = FilterHarness.authenticated(MockServerHttpRequest.post("/v1/chat-messages")
                .contentLength(5000).body("x"), ProxyRoute.CHAT_MESSAGES);

        filter.filter(exchange, harness.chain).block();

        assertThat(harness.passedOn.get()).isSameAs(exchange);
    }
}
