package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What the client gets for a whole (not streamed) answer: Dify's bytes, or a gateway error in Dify's envelope
 * {@code {"code","message","status"}}, built here and nowhere else.
 */
public record ProxyReply(int status, MediaType contentType, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ProxyReply of(int status, MediaType contentType, byte[] body) {
        return new ProxyReply(status, contentType != null ? contentType : MediaType.APPLICATION_JSON, body);
    }

    /** Dify's error envelope; only {@link ProxyRefusal} and Dify-shaped status errors build one. */
    static ProxyReply error(int status, String code, String message) {
        ObjectNode node = JSON.createObjectNode().put("code", code).put("message", message).put("status", status);
        try {
            return new ProxyReply(status, MediaType.APPLICATION_JSON, JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope of strings always serialises", e);
        }
    }

    public Mono<ServerResponse> render() {
        var response = ServerResponse.status(status).header(HttpHeaders.CONTENT_TYPE, contentType.toString());
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
        }
        return response.bodyValue(body);
    }

    /** Every 401 carries Dify's {@code WWW-Authenticate}, as Dify's own do. */
    public Mono<Void> write(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setRawStatusCode(status);
        response.getHeaders().setContentType(contentType);
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
