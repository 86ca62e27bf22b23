package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.config.DifyProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The size limit of a route whose body streams through unread (uploads, audio, the small JSON of free calls): a
 * declared Content-Length above it is refused with 413 before anything is reserved or forwarded; a chunked body is
 * counted as it streams and cut at the limit, so the gateway never carries more than the limit to Dify.
 */
@Component
class BodyLimitFilter extends ProxyFilter {

    private final DifyProperties dify;

    BodyLimitFilter(DifyProperties dify) {
        super(ProxyFilterOrder.REQUEST_BODY);
        this.dify = dify;
    }

    @Override
    boolean appliesTo(ProxyRoute route) {
        return !route.readsPrompt();
    }

    long limit(ProxyRoute route) {
        return switch (route) {
            case FILES_UPLOAD -> dify.maxUploadSize().toBytes();
            case AUDIO_TO_TEXT -> dify.maxAudioSize().toBytes();
            default -> dify.maxRequestSize().toBytes();
        };
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        long limit = limit(call.route());
        if (exchange.getRequest().getHeaders().getContentLength() > limit) {
            return ProxyRefusal.BODY_TOO_LARGE.write(exchange, limit);
        }
        AtomicLong seen = new AtomicLong();
        var counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException("body above " + limit + " bytes"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
