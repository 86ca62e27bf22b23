package io.sigmacode.gateway.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigmacode.gateway.config.DifyProperties;
import io.sigmacode.gateway.support.ContentTypes;
import io.sigmacode.gateway.support.StorableText;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.io.IOException;

/**
 * Reads a generation's body once, within the size limit, and checks it the way Dify would: everything a client can
 * get wrong is answered here, before an event is written or a token reserved. The checks are the route's own.
 * Other routes' bodies are not read here: they stream through (see the transfer handler's limits).
 */
@Component
class RequestBodyFilter extends ProxyFilter {

    static final String INVALID_JSON = "Invalid JSON payload received or JSON payload is empty.";

    private final ObjectMapper json = new ObjectMapper();
    private final int maxBytes;

    RequestBodyFilter(DifyProperties dify) {
        super(ProxyFilterOrder.REQUEST_BODY);
        this.maxBytes = (int) dify.maxRequestSize().toBytes();
    }

    @Override
    boolean appliesTo(ProxyRoute route) {
        return route.readsPrompt();
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        // Passed on to Dify, an unreadable Content-Type would fail the upstream client and pass for an outage.
        if (!ContentTypes.readable(exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return ProxyRefusal.MEDIA_TYPE_UNREADABLE.write(exchange, ContentTypes.UNREADABLE);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> accept(call, exchange, chain, bytes))
                .onErrorResume(DataBufferLimitException.class,
                        e -> ProxyRefusal.BODY_TOO_LARGE.write(exchange, maxBytes));
    }

    private Mono<Void> accept(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain, byte[] bytes) {
        JsonNode node;
        try {
            node = bytes.length == 0 || !StorableText.utf8(bytes) ? null : json.readTree(bytes);
        } catch (IOException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode body)) {
            return ProxyRefusal.INVALID_PARAM.write(exchange, INVALID_JSON);
        }
        GenerationRules rules = call.route().rules();
        String problem = rules.problem(body);
        if (problem != null) {
            return ProxyRefusal.INVALID_PARAM.write(exchange, problem);
        }
        String unstorable = StorableJson.firstUnstorable(body);
        if (unstorable != null) {
            return ProxyRefusal.INVALID_PARAM.write(exchange, unstorable + " " + StorableText.REFUSAL);
        }
        call.request(new ProxyCall.Request(bytes, body, rules.promptText(body)));
        return chain.filter(exchange);
    }
}
