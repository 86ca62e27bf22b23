package io.sigmacode.gateway.management;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class InputGuardFilterTest {

    private final InputGuardFilter filter = new InputGuardFilter(DataSize.ofKilobytes(256));

    private boolean passes(MockServerWebExchange exchange) {
        AtomicBoolean passed = new AtomicBoolean();
        filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))).block();
        return passed.get();
    }

    private static MockServerWebExchange get(String uri) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET,
                URI.create("http://localhost" + uri)));
    }

    @Test
    void anOrdinaryManagementRequestPasses() {
        assertThat(passes(get("/api/usage?tenantId=abc&groupBy=day"))).isTrue();
    }

    @Test
    void aQueryParameterWithNulIsRefusedWithAProblem() {
        var exchange = get("/api/usage?tenantId=a%00b");

        assertThat(passes(exchange)).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":400");
    }

    @Test
    void anUnreadableContentTypeIs415() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/tenants")
                .header(HttpHeaders.CONTENT_TYPE, "application/json; charset=nonexist"));

        assertThat(passes(exchange)).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aJsonBodyThatIsNotUtf8IsRefusedAndAValidOneIsPassedOnWhole() {
        byte[] overlong = {'{', '"', 'n', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
        var bad = MockServerWebExchange.from(MockServerHttpRequest.post("/api/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(overlong))));
        var good = MockServerWebExchange.from(MockServerHttpRequest.post("/api/tenants")
                .contentType(MediaType.APPLICATION_JSON).body("{\"name\":\"Zürich\"}"));

        assertThat(passes(bad)).isFalse();
        assertThat(bad.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        AtomicReference<String> seen = new AtomicReference<>();
        filter.filter(good, e -> DataBufferUtils.join(e.getRequest().getBody())
                .doOnNext(b -> seen.set(b.toString(StandardCharsets.UTF_8))).then()).block();
        assertThat(seen.get()).isEqualTo("{\"name\":\"Zürich\"}");
    }

    @Test
    void pathsOutsideTheManagementApiAreLeftAlone() {
        assertThat(passes(get("/v1/chat-messages?x=a%00b"))).isTrue();
    }
}
