package io.sigmacode.gateway.management;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class InputGuardFilterTest {

    private final InputGuardFilter filter = new InputGuardFilter();

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
    void pathsOutsideTheManagementApiAreLeftAlone() {
        assertThat(passes(get("/v1/chat-messages?x=a%00b"))).isTrue();
    }
}
