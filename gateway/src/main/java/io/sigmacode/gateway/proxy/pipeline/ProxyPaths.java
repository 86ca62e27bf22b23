package io.sigmacode.gateway.proxy.pipeline;

import org.springframework.web.server.ServerWebExchange;

/** Which requests are Dify calls: decided on the decoded view of the path (see {@link PathSpelling}). */
final class ProxyPaths {

    private ProxyPaths() {
    }

    static boolean isProxied(ServerWebExchange exchange) {
        return isProxied(exchange.getRequest().getPath().pathWithinApplication().value());
    }

    static boolean isProxied(String rawPath) {
        return PathSpelling.firstSegment(rawPath).equalsIgnoreCase("v1");
    }
}
