package io.sigmacode.gateway.proxy;

import org.springframework.web.server.ServerWebExchange;

final class ProxyPaths {

    private ProxyPaths() {
    }

    static boolean isProxied(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals("/v1") || path.startsWith("/v1/");
    }
}
