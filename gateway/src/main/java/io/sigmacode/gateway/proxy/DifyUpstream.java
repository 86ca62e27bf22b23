package io.sigmacode.gateway.proxy;

import io.netty.channel.ChannelOption;
import io.sigmacode.gateway.config.DifyProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Sends a call to Dify and brings back status, headers and the body bytes untouched. */
@Component
class DifyUpstream implements DisposableBean {

    /** Headers a Dify client may rely on that the gateway passes through; Authorization is replaced, never passed. */
    private static final List<String> FORWARDED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
            HttpHeaders.USER_AGENT, "X-Trace-Id", "traceparent");

    private final WebClient client;
    /** Its own pool and loops, so that the upstream side lives and dies with this bean, not with global resources. */
    private final ConnectionProvider pool;
    private final LoopResources loops;
    private final String baseUrl;
    private final DifyProperties properties;

    DifyUpstream(DifyProperties properties) {
        this.properties = properties;
        this.baseUrl = properties.baseUrl().toString().replaceAll("/+$", "");
        this.pool = ConnectionProvider.builder("dify")
                .maxConnections(properties.maxConnections())
                .pendingAcquireMaxCount(properties.maxConnections() * 4)
                .build();
        this.loops = LoopResources.create("dify-upstream");
        HttpClient http = HttpClient.create(pool)
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    Mono<UpstreamResponse> post(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        long started = System.nanoTime();
        return request(path, difyKey, body, incoming)
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new UpstreamResponse(response.statusCode().value(),
                                response.headers().asHttpHeaders(), bytes, (System.nanoTime() - started) / 1_000_000)))
                .timeout(properties.responseTimeout().plusSeconds(1))
                .onErrorMap(e -> !(e instanceof UpstreamException), e -> UpstreamException.classify(e,
                        (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * Opens a streamed call: the status and headers arrive first, the body as it comes. The caller must consume or
     * cancel the body. Only the wait for the headers is bounded here; the body is bounded by the idle timeout.
     */
    Mono<StreamingResponse> stream(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        long started = System.nanoTime();
        return request(path, difyKey, body, incoming)
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(entity -> new StreamingResponse(entity.getStatusCode().value(), entity.getHeaders(),
                        entity.getBody() == null ? Flux.empty() : entity.getBody(), started))
                .timeout(properties.responseTimeout().plusSeconds(1))
                .onErrorMap(e -> !(e instanceof UpstreamException), e -> UpstreamException.classify(e,
                        (System.nanoTime() - started) / 1_000_000));
    }

    Duration idleTimeout() {
        return properties.responseTimeout();
    }

    private WebClient.RequestHeadersSpec<?> request(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        return client.post()
                .uri(baseUrl + path)
                .headers(headers -> {
                    FORWARDED.forEach(name -> {
                        List<String> values = incoming.get(name);
                        if (values != null) {
                            headers.addAll(name, values);
                        }
                    });
                    headers.setBearerAuth(difyKey);
                })
                .bodyValue(body);
    }

    @Override
    public void destroy() {
        pool.dispose();
        loops.dispose();
    }

    record StreamingResponse(int status, HttpHeaders headers, Flux<DataBuffer> body, long startedNanos) {
        boolean isEventStream() {
            MediaType type = headers.getContentType();
            return status >= 200 && status < 300 && type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
        }

        long elapsedMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }

        /** Reads a body that is not a stream (an error, or a blocking answer) whole. */
        Mono<UpstreamResponse> whole() {
            return DataBufferUtils.join(body)
                    .map(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        return bytes;
                    })
                    .defaultIfEmpty(new byte[0])
                    .map(bytes -> new UpstreamResponse(status, headers, bytes, elapsedMillis()));
        }
    }

    record UpstreamResponse(int status, HttpHeaders headers, byte[] body, long latencyMillis) {
        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** Dify never answered: either it could not be reached or it took longer than the response timeout. */
    static final class UpstreamException extends RuntimeException {

        private final boolean timeout;
        private final long latencyMillis;

        private UpstreamException(boolean timeout, long latencyMillis, Throwable cause) {
            super(timeout ? "Dify did not answer in time" : "Dify could not be reached", cause);
            this.timeout = timeout;
            this.latencyMillis = latencyMillis;
        }

        static UpstreamException classify(Throwable error, long latencyMillis) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException) {
                    return new UpstreamException(true, latencyMillis, error);
                }
            }
            return new UpstreamException(false, latencyMillis, error);
        }

        boolean timeout() {
            return timeout;
        }

        long latencyMillis() {
            return latencyMillis;
        }
    }
}
