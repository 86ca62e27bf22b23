package io.sigmacode.gateway.proxy.upstream;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import io.sigmacode.gateway.config.DifyProperties;
import io.sigmacode.gateway.support.Causes;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Sends a call to Dify and brings back status, headers and the body bytes untouched. */
@Component
public class DifyUpstream implements DisposableBean {

    /** Headers a Dify client may rely on that the gateway passes through; Authorization is replaced, never passed. */
    private static final List<String> FORWARDED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
            HttpHeaders.USER_AGENT, "X-Trace-Id", "traceparent");

    /** The largest blocking answer held in memory; a larger one fails the call (streams are not held whole). */
    public static final int MAX_WHOLE_ANSWER = 16 * 1024 * 1024;

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
                .codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_WHOLE_ANSWER))
                .build();
    }

    public Mono<UpstreamResponse> post(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        long started = System.nanoTime();
        return request(path, difyKey, body, incoming)
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .onErrorMap(e -> UpstreamException.afterHeaders(e, millisSince(started)))
                        .map(bytes -> new UpstreamResponse(response.statusCode().value(),
                                response.headers().asHttpHeaders(), bytes, millisSince(started))))
                .timeout(properties.responseTimeout().plusSeconds(1))
                .onErrorMap(e -> !(e instanceof UpstreamException), e -> UpstreamException.beforeHeaders(e,
                        millisSince(started)));
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Opens a streamed call: the status and headers arrive first, the body as it comes. The caller must consume or
     * cancel the body. Only the wait for the headers is bounded here; the body is bounded by the idle timeout.
     */
    public Mono<StreamingResponse> stream(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        long started = System.nanoTime();
        return request(path, difyKey, body, incoming)
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(entity -> new StreamingResponse(entity.getStatusCode().value(), entity.getHeaders(),
                        entity.getBody() == null ? Flux.empty() : entity.getBody(), started))
                .timeout(properties.responseTimeout().plusSeconds(1))
                .onErrorMap(e -> !(e instanceof UpstreamException), e -> UpstreamException.beforeHeaders(e,
                        millisSince(started)));
    }

    /**
     * Relays any other call as it comes: method, the client's path and query, its body streamed through (never held
     * whole), and Dify's answer streamed back. Content-Length is kept so that multipart bodies arrive as sent.
     */
    public Mono<StreamingResponse> relay(HttpMethod method, String pathAndQuery, String difyKey, HttpHeaders incoming,
                                         Flux<DataBuffer> body) {
        long started = System.nanoTime();
        var spec = client.method(method)
                .uri(URI.create(baseUrl + pathAndQuery))
                .headers(headers -> {
                    copy(incoming, headers);
                    if (incoming.getContentLength() >= 0) {
                        headers.setContentLength(incoming.getContentLength());
                    }
                    headers.setBearerAuth(difyKey);
                });
        boolean hasBody = incoming.getContentLength() > 0 || incoming.containsKey(HttpHeaders.TRANSFER_ENCODING);
        WebClient.RequestHeadersSpec<?> request = hasBody ? spec.body(BodyInserters.fromDataBuffers(body)) : spec;
        return request.retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(entity -> new StreamingResponse(entity.getStatusCode().value(), entity.getHeaders(),
                        entity.getBody() == null ? Flux.empty() : entity.getBody(), started))
                .timeout(properties.responseTimeout().plusSeconds(1))
                .onErrorMap(e -> !(e instanceof UpstreamException), e -> UpstreamException.beforeHeaders(e,
                        millisSince(started)));
    }

    private static void copy(HttpHeaders incoming, HttpHeaders headers) {
        FORWARDED.forEach(name -> {
            List<String> values = incoming.get(name);
            if (values != null) {
                headers.addAll(name, values);
            }
        });
    }

    public Duration idleTimeout() {
        return properties.responseTimeout();
    }

    private WebClient.RequestHeadersSpec<?> request(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        return client.post()
                .uri(URI.create(baseUrl + path))
                .headers(headers -> {
                    copy(incoming, headers);
                    headers.setBearerAuth(difyKey);
                })
                .bodyValue(body);
    }

    @Override
    public void destroy() {
        pool.dispose();
        loops.dispose();
    }

    public record StreamingResponse(int status, HttpHeaders headers, Flux<DataBuffer> body, long startedNanos) {
        public boolean isEventStream() {
            MediaType type = headers.getContentType();
            return status >= 200 && status < 300 && type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
        }

        public long elapsedMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }

        /** Reads a body that is not a stream (an error, or a blocking answer) whole. */
        public Mono<UpstreamResponse> whole() {
            return whole(Integer.MAX_VALUE);
        }

        /** Reads the body whole, failing with a {@link DataBufferLimitException} beyond {@code maxBytes}. */
        public Mono<UpstreamResponse> whole(int maxBytes) {
            return DataBufferUtils.join(body, maxBytes)
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

    public record UpstreamResponse(int status, HttpHeaders headers, byte[] body, long latencyMillis) {
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Dify's answer did not arrive whole. {@link Kind#NOT_REACHED} means the request never got to Dify; every other
     * kind means Dify had it and may have run the model.
     */
    public static final class UpstreamException extends RuntimeException {

        public enum Kind {
            /** No connection could be made: refused, unknown host, connect timeout, no pooled connection free. */
            NOT_REACHED,
            /** Dify took longer than the response timeout. */
            TIMEOUT,
            /** The connection broke after the request was sent, before or after the response headers. */
            CUT,
            /** The answer was larger than the gateway holds in memory for a whole answer. */
            TOO_LARGE
        }

        private final Kind kind;
        private final long latencyMillis;

        private UpstreamException(Kind kind, long latencyMillis, Throwable cause) {
            super("Dify's answer did not arrive: " + kind, cause);
            this.kind = kind;
            this.latencyMillis = latencyMillis;
        }

        /** Netty's connect timeout is a ConnectException; the pool's refusals are matched by name (shaded). */
        static UpstreamException beforeHeaders(Throwable error, long latencyMillis) {
            if (Causes.include(error, ConnectException.class) || Causes.include(error, UnknownHostException.class)
                    || causedByPoolRefusal(error)) {
                return new UpstreamException(Kind.NOT_REACHED, latencyMillis, error);
            }
            return new UpstreamException(timedOut(error) ? Kind.TIMEOUT : Kind.CUT, latencyMillis, error);
        }

        private static boolean timedOut(Throwable error) {
            return Causes.include(error, TimeoutException.class) || Causes.include(error, ReadTimeoutException.class);
        }

        private static boolean causedByPoolRefusal(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t.getClass().getSimpleName().startsWith("PoolAcquire")) {
                    return true;
                }
            }
            return false;
        }

        public static UpstreamException afterHeaders(Throwable error, long latencyMillis) {
            if (error instanceof UpstreamException known) {
                return known;
            }
            if (Causes.include(error, DataBufferLimitException.class)) {
                return new UpstreamException(Kind.TOO_LARGE, latencyMillis, error);
            }
            return new UpstreamException(timedOut(error) ? Kind.TIMEOUT : Kind.CUT, latencyMillis, error);
        }

        public Kind kind() {
            return kind;
        }

        public long latencyMillis() {
            return latencyMillis;
        }
    }
}
