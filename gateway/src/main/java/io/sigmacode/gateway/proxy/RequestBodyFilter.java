package io.sigmacode.gateway.proxy;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.gateway.config.DifyProperties;
import io.sigmacode.gateway.support.ContentTypes;
import io.sigmacode.gateway.support.StorableText;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;


/**
 * Reads the request body once, within the size limit, and checks it the way Dify would: everything a client can
 * get wrong is answered here, before an event is written or a token reserved. The checks are the route's own.
 */
@Component
class RequestBodyFilter implements WebFilter, Ordered {

    static final String INVALID_JSON = "Invalid JSON payload received or JSON payload is empty.";

    private final ObjectMapper json = new ObjectMapper();
    private final int maxBytes;

    RequestBodyFilter(DifyProperties dify) {
        this.maxBytes = (int) dify.maxRequestSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        // Passed on to Dify, an unreadable Content-Type would fail the upstream client and pass for an outage.
        if (!ContentTypes.readable(exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return DifyErrors.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    ContentTypes.UNREADABLE);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> accept(exchange, chain, bytes))
                .onErrorResume(DataBufferLimitException.class, e -> DifyErrors.write(exchange,
                        HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
                        "The request body is larger than the gateway's limit of " + maxBytes + " bytes."));
    }

    private Mono<Void> accept(ServerWebExchange exchange, WebFilterChain chain, byte[] bytes) {
        JsonNode node;
        try {
            node = bytes.length == 0 || !StorableText.utf8(bytes) ? null : json.readTree(bytes);
        } catch (IOException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode body)) {
            return invalid(exchange, INVALID_JSON);
        }
        GenerationRules rules = ProxyCall.of(exchange).route().rules();
        String problem = rules.problem(body);
        if (problem != null) {
            return invalid(exchange, problem);
        }
        String unstorable = StorableJson.firstUnstorable(body);
        if (unstorable != null) {
            return invalid(exchange, unstorable + " " + StorableText.REFUSAL);
        }
        ProxyCall.of(exchange).request(bytes, body, rules.promptText(body));
        return chain.filter(exchange);
    }

    private static Mono<Void> invalid(ServerWebExchange exchange, String message) {
        return DifyErrors.write(exchange, HttpStatus.BAD_REQUEST, "invalid_param", message);
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.REQUEST_BODY;
    }

}
