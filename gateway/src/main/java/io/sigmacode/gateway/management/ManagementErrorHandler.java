package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Management errors no controller advice sees (a refusal of the security chain, no such path, method not allowed,
 * not acceptable, a failure while writing the answer) are still RFC 9457 problems, never Spring Boot's error page.
 * Runs before Boot's handler (-1).
 */
@Component
@Order(-2)
class ManagementErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ManagementErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return ManagementSecurityConfig.MANAGEMENT.matches(exchange)
                .flatMap(match -> match.isMatch() && !exchange.getResponse().isCommitted()
                        ? answer(exchange, error) : Mono.error(error));
    }

    /** A 503 (the store or directory did not answer) is the client's to retry, so it gets its reason too. */
    private Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        if (error instanceof ErrorResponse response && (!response.getStatusCode().is5xxServerError()
                || response.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            exchange.getResponse().getHeaders().addAll(response.getHeaders());
            String detail = InputErrors.safe(response.getBody().getDetail(), status.getReasonPhrase() + ".");
            return Problems.write(exchange, status, detail);
        }
        log.error("unanswered error on {}", path, error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to answer; the error is logged.");
    }
}
