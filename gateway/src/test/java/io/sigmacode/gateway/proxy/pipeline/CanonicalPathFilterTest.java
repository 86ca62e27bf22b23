package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalPathFilterTest {

    private final CanonicalPathFilter filter = new CanonicalPathFilter();

    private static MockServerWebExchange exchange(String rawPath) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.POST, URI.create("http://localhost" + rawPath)));
    }

    private static boolean passes(CanonicalPathFilter filter, MockServerWebExchange exchange) {
        AtomicBoolean passed = new AtomicBoolean();
        WebFilterChain chain = e -> Mono.fromRunnable(() -> passed.set(true));
        filter.filter(exchange, chain).block();
        return passed.get();
    }

    private static JsonNode body(MockServerWebExchange exchange) throws Exception {
        return new ObjectMapper().readTree(exchange.getResponse().getBodyAsString().block());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat-messages", "/v1/chat-messages/", "/api/calls/abc", "/actuator/health", "/"})
    void aCanonicalPathPassesUntouched(String path) {
        var exchange = exchange(path);

        assertThat(passes(filter, exchange)).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%76%31/chat-messages", "/v1/chat%2Dmessages", "/v1;x=1/chat-messages",
            "//v1/chat-messages", "/v1//chat-messages", "/./v1/chat-messages", "/x/../v1/chat-messages",
            "/v1/chat-messages;a", "/V1/./chat-messages", "/v1/chat-messages/.", "/%2e%2e/v1/chat-messages"})
    void everyOtherSpellingOfADifyPathIsRefusedInDifysEnvelope(String path) throws Exception {
        var exchange = exchange(path);

        assertThat(passes(filter, exchange)).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode body = body(exchange);
        assertThat(body.get("code").asText()).isEqualTo("not_found");
        assertThat(body.get("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/calls/%00", "/%61pi/tenants", "/api//tenants", "/api/calls/a;b", "/api/../api/x"})
    void aManagementPathSpelledOddlyIsRefusedWithAProblem(String path) throws Exception {
        var exchange = exchange(path);

        assertThat(passes(filter, exchange)).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(body(exchange).get("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%76%31/chat-messages", "/v1;x/chat-messages", "/a/../v1/x", "//v1", "/V1/x", "/%zz/../v1", "/v1%2Fchat-messages"})
    void theDifyNamespaceIsDecidedOnTheDecodedView(String path) {
        assertThat(ProxyPaths.isProxied(path)).isTrue();
    }

    /** PathSpellingTest sends every spelling of these; a new route must be added there too. */
    @Test
    void theRoutesWhoseSpellingsAreTestedAreTheServedOnes() {
        assertThat(Arrays.stream(ProxyRoute.values()).filter(route -> route.kind() == ProxyRoute.Kind.GENERATION)
                .map(ProxyRoute::pattern).filter(pattern -> !pattern.contains("{}")))
                .containsExactly("/v1/chat-messages", "/v1/completion-messages", "/v1/workflows/run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1", "/v10/x", "/v1/../api", "/", "/%zz"})
    void otherPathsAreNotDifyPaths(String path) {
        assertThat(ProxyPaths.isProxied(path)).isFalse();
    }
}
