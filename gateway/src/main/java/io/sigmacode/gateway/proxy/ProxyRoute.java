package io.sigmacode.gateway.proxy;

import org.springframework.http.HttpMethod;

import java.util.Arrays;
import java.util.Optional;

/** The Dify service-API routes the gateway meters; {@code endpoint} is the price book's key. */
enum ProxyRoute {
    CHAT_MESSAGES(HttpMethod.POST, "/v1/chat-messages", "chat-messages");

    private final HttpMethod method;
    private final String path;
    private final String endpoint;

    ProxyRoute(HttpMethod method, String path, String endpoint) {
        this.method = method;
        this.path = path;
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    String upstreamPath() {
        return path.substring("/v1".length());
    }

    static Optional<ProxyRoute> match(HttpMethod method, String path) {
        String normalized = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return Arrays.stream(values()).filter(r -> r.method.equals(method) && r.path.equals(normalized)).findFirst();
    }
}
