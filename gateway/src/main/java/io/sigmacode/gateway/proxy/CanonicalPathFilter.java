package io.sigmacode.gateway.proxy;

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
 * rather than rewriting keeps one spelling of each route in logs, metrics and the audit trail.
 */
@Component
class CanonicalPathFilter implements WebFilter, Ordered {

    static final String MESSAGE = "The gateway serves no path spelled with percent-encoding, matrix parameters, "
            + "dot segments, backslashes or empty segments.";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getPath().pathWithinApplication().value();
        if (PathSpelling.canonical(raw)) {
            return chain.filter(exchange);
        }
        return ProxyPaths.isProxied(raw)
                ? DifyErrors.write(exchange, HttpStatus.NOT_FOUND, "not_found", MESSAGE)
                : Problems.write(exchange, HttpStatus.NOT_FOUND, MESSAGE);
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.CANONICAL_PATH;
    }
}
