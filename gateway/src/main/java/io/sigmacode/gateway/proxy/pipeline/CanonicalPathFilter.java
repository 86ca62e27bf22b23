package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.support.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses every request whose path is not spelled canonically (see {@link PathSpelling}), before routing and
 * before any other filter looks at the path, so that the router and every filter see the same path. Refusing
 * rather than rewriting keeps one spelling of each route in logs, metrics and the audit trail. It guards the
 * management API too, hence a plain filter rather than a {@link ProxyFilter}.
 */
@Component
class CanonicalPathFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getPath().pathWithinApplication().value();
        if (PathSpelling.canonical(raw)) {
            return chain.filter(exchange);
        }
        return ProxyPaths.isProxied(raw)
                ? ProxyRefusal.PATH_NOT_CANONICAL.write(exchange)
                : Problems.write(exchange, HttpStatus.NOT_FOUND, ProxyRefusal.PATH_NOT_CANONICAL.message());
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.CANONICAL_PATH;
    }
}
