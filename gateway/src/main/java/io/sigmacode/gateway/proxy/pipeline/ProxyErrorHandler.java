package io.sigmacode.gateway.proxy.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.Locale;

/**
 * The last word on a Dify path: anything the filters and the handler did not answer is still answered in Dify's
 * envelope (a 500 as Dify's own unhandled error), never with Spring's error page or a Java message. A client error
 * Spring raised keeps its status, with werkzeug's naming of the code as Dify does. Runs before Spring Boot's error
 * handler (order -1).
 */
@Component
@Order(-2)
class ProxyErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProxyErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!ProxyPaths.isProxied(exchange) || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        if (error instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            HttpStatus code = HttpStatus.valueOf(status.getStatusCode().value());
            return ProxyReply.error(code.value(), code.name().toLowerCase(Locale.ROOT), code.getReasonPhrase() + ".")
                    .write(exchange);
        }
        log.error("unanswered error on {}", exchange.getRequest().getPath().pathWithinApplication().value(), error);
        return ProxyRefusal.UNHANDLED.write(exchange);
    }
}
