package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A step of the {@code /v1} pipeline: bound to the Dify route here, once, so that each filter only does its one
 * job. A filter that serves only some routes says so in {@link #appliesTo}; the others pass those calls on.
 */
abstract class ProxyFilter implements WebFilter, Ordered {

    private final int order;

    ProxyFilter(int order) {
        this.order = order;
    }

    @Override
    public final Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        ProxyCall call = ProxyCall.of(exchange);
        if (call.route() != null && !appliesTo(call.route())) {
            return chain.filter(exchange);
        }
        return filter(call, exchange, chain);
    }

    /** Whether this step runs for calls on this route; asked only once the route is known. */
    boolean appliesTo(ProxyRoute route) {
        return true;
    }

    abstract Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain);

    @Override
    public final int getOrder() {
        return order;
    }
}
