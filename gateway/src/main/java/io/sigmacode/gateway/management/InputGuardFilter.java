package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.ContentTypes;
import io.sigmacode.gateway.support.Problems;
import io.sigmacode.gateway.support.StorableText;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The management APIs' one check of what arrives outside the body: path, query parameters and Content-Type. Bodies
 * are checked while they are read ({@link StorableTextJson}). The path was already refused if it is not spelled
 * canonically, so the raw path here is the path the controllers see.
 */
@Component
class InputGuardFilter implements WebFilter, Ordered {

    /** After the path's spelling is checked, before any controller. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String problem = problem(request, path);
        if (problem != null) {
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, problem);
        }
        if (!ContentTypes.readable(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return Problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ContentTypes.UNREADABLE);
        }
        return chain.filter(exchange);
    }

    private static String problem(ServerHttpRequest request, String path) {
        if (!StorableText.storable(path)) {
            return "the path " + StorableText.REFUSAL;
        }
        for (Map.Entry<String, List<String>> parameter : request.getQueryParams().entrySet()) {
            if (!StorableText.storable(parameter.getKey())
                    || !parameter.getValue().stream().allMatch(StorableText::storable)) {
                return "a query parameter " + StorableText.REFUSAL;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
