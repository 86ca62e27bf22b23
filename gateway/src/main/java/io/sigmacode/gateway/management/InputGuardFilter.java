package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.ContentTypes;
import io.sigmacode.gateway.support.Problems;
import io.sigmacode.gateway.support.StorableText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The management APIs' one check of what arrives: path, query, Content-Type, Accept and the body's encoding.
 * The body's strings are checked while they are read ({@link StorableTextJson}). The path was already refused if
 * it is not spelled canonically, so the raw path here is the path the controllers see.
 */
@Component
class InputGuardFilter implements WebFilter, Ordered {

    /** After the path's spelling is checked, before any controller. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

    private final int maxBodyBytes;

    /** The same limit Spring's JSON codec applies (256 KB unless configured), so no body is refused twice. */
    InputGuardFilter(@Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxBody) {
        this.maxBodyBytes = (int) maxBody.toBytes();
    }

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
        if (!ContentTypes.readableAccept(request.getHeaders().getFirst(HttpHeaders.ACCEPT))) {
            return Problems.write(exchange, HttpStatus.NOT_ACCEPTABLE, ContentTypes.UNREADABLE_ACCEPT);
        }
        return isJson(request) ? checkedBody(exchange, chain) : chain.filter(exchange);
    }

    private static boolean isJson(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().endsWith("+json"));
    }

    /**
     * Reads a JSON body once, within the codecs' own limit, and refuses it unless it is strictly UTF-8; the
     * controllers then read the same bytes.
     */
    private Mono<Void> checkedBody(ServerWebExchange exchange, WebFilterChain chain) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    if (!StorableText.utf8(bytes)) {
                        return Problems.write(exchange, HttpStatus.BAD_REQUEST, "The body is not valid UTF-8.");
                    }
                    return chain.filter(exchange.mutate().request(withBody(exchange, bytes)).build());
                })
                .onErrorResume(DataBufferLimitException.class, e -> Problems.write(exchange,
                        HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + maxBodyBytes + " bytes."));
    }

    private static ServerHttpRequest withBody(ServerWebExchange exchange, byte[] bytes) {
        return new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
        };
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
