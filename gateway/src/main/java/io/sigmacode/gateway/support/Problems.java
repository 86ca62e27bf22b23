package io.sigmacode.gateway.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes an RFC 9457 problem from a WebFilter or an error handler, where no controller advice reaches: the fields
 * Spring renders for a {@code ProblemDetail} returned by a controller.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static byte[] body(HttpStatus status, String detail, String instance) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", status.getReasonPhrase())
                .put("status", status.value())
                .put("detail", detail)
                .put("instance", instance);
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of strings always serialises", e);
        }
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = body(status, detail, exchange.getRequest().getPath().pathWithinApplication().value());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
