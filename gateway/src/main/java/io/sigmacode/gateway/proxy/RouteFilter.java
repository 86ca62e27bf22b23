package io.sigmacode.gateway.proxy;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses the Dify routes this version does not meter yet, before any key is checked or any token reserved:
 * passing them through unmetered would let calls bypass the firewall and the bill.
 */
@Component
class RouteFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        var request = exchange.getRequest();
        return ProxyRoute.match(request.getMethod(), request.getPath().pathWithinApplication().value())
                .map(route -> {
                    ProxyCall.of(exchange).route(route);
                    return chain.filter(exchange);
                })
                .orElseGet(() -> DifyErrors.write(exchange, HttpStatus.NOT_FOUND, "not_found",
                        "The gateway does not serve " + request.getMethod() + " "
                                + request.getPath().pathWithinApplication().value() + "."));
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.ROUTE;
    }
}
