package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.AppMode;
import io.sigmacode.kernel.tenant.Role;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one filter of the pipeline on a mock exchange, as the steps before it would have left the call. */
final class FilterHarness {

    static final ApiKeyPrincipal DEVELOPER = new ApiKeyPrincipal("key-1", "tenant-1", "account-1", "app-1",
            AppMode.CHAT, "sealed", Set.of(Role.DEVELOPER), false, List.of(), null);

    /** The exchange the rest of the chain saw, or null when the filter answered itself. */
    final AtomicReference<ServerWebExchange> passedOn = new AtomicReference<>();
    final WebFilterChain chain = exchange -> Mono.fromRunnable(() -> passedOn.set(exchange));

    static MockServerWebExchange routed(MockServerHttpRequest request, ProxyRoute route) {
        var exchange = MockServerWebExchange.from(request);
        ProxyCall.start(exchange, "call-1").route(route, ProxyRoute.upstreamPath(request.getPath().value()));
        return exchange;
    }

    static MockServerWebExchange authenticated(MockServerHttpRequest request, ProxyRoute route) {
        var exchange = routed(request, route);
        ProxyCall.of(exchange).principal(DEVELOPER);
        return exchange;
    }

    static JsonNode envelope(MockServerWebExchange exchange) throws Exception {
        return new ObjectMapper().readTree(exchange.getResponse().getBodyAsString().block());
    }
}
