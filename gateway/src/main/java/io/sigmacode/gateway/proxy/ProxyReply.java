package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.proxy.DifyUpstream.UpstreamResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** What the client gets for a whole (not streamed) answer: Dify's bytes, or a gateway error in Dify's envelope. */
public record ProxyReply(int status, MediaType contentType, byte[] body) {

    static ProxyReply passThrough(UpstreamResponse response) {
        MediaType type = response.headers().getContentType();
        return new ProxyReply(response.status(), type != null ? type : MediaType.APPLICATION_JSON, response.body());
    }

    static ProxyReply error(HttpStatus status, String code, String message) {
        return new ProxyReply(status.value(), MediaType.APPLICATION_JSON,
                DifyErrors.body(status.value(), code, message));
    }

    public Mono<ServerResponse> render() {
        return ServerResponse.status(status)
                .header(HttpHeaders.CONTENT_TYPE, contentType.toString())
                .bodyValue(body);
    }
}
