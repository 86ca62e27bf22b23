package io.sigmacode.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes gateway refusals in Dify's own envelope, so Dify clients handle them like any Dify error. */
final class DifyErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DifyErrors() {
    }

    static byte[] body(int status, String code, String message) {
        ObjectNode node = JSON.createObjectNode().put("code", code).put("message", message).put("status", status);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
        }
        byte[] bytes = body(status.value(), code, message);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
