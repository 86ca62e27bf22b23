package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names the route of the call, and refuses a Dify path the gateway does not serve before any key is checked or
 * any token reserved: passing it through unmetered would let calls bypass the firewall and the bill.
 */
@Component
class RouteFilter extends ProxyFilter {

    RouteFilter() {
        super(ProxyFilterOrder.ROUTE);
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        return ProxyRoute.match(request.getMethod(), path)
                .map(route -> {
                    String query = request.getURI().getRawQuery();
                    call.route(route, ProxyRoute.upstreamPath(path) + (query == null ? "" : "?" + query));
                    return chain.filter(exchange);
                })
                .orElseGet(() -> ProxyRefusal.ROUTE_UNKNOWN.write(exchange, request.getMethod(), path));
    }
}
