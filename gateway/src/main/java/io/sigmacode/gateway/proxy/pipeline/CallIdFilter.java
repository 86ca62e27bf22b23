package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * The entry of the {@code /v1} pipeline: names every proxied call before anything can fail, so even a refusal
 * carries the id support will ask for. Every later step is a {@link ProxyFilter} and finds the call started.
 */
@Component
class CallIdFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Sigmacode-Call-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        String callId = UUID.randomUUID().toString();
        ProxyCall.start(exchange, callId);
        exchange.getResponse().getHeaders().set(HEADER, callId);
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.CALL_ID;
    }
}
