package io.sigmacode.gateway.proxy;

import io.netty.channel.ChannelOption;
import io.sigmacode.gateway.config.DifyProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.util.List;
import java.util.concurrent.TimeoutException;

/** Sends a call to Dify and brings back status, headers and the body bytes untouched. */
@Component
class DifyUpstream {

    /** Headers a Dify client may rely on that the gateway passes through; Authorization is replaced, never passed. */
    private static final List<String> FORWARDED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
            HttpHeaders.USER_AGENT, "X-Trace-Id", "traceparent");

    private final WebClient client;
    private final String baseUrl;
    private final DifyProperties properties;

    DifyUpstream(DifyProperties properties) {
        this.properties = properties;
        this.baseUrl = properties.baseUrl().toString().replaceAll("/+$", "");
        HttpClient http = HttpClient.create(ConnectionProvider.builder("dify")
                        .maxConnections(properties.maxConnections())
                        .pendingAcquireMaxCount(properties.maxConnections() * 4)
                        .build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    Mono<UpstreamResponse> post(String path, String difyKey, byte[] body, HttpHeaders incoming) {
        long started = System.nanoTime();
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
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new UpstreamResponse(response.statusCode().value(),
                                response.headers().asHttpHeaders(), bytes, (System.nanoTime() - started) / 1_000_000)))
                .timeout(properties.responseTimeout().plusSeconds(1))
                .onErrorMap(e -> !(e instanceof UpstreamException), e -> UpstreamException.classify(e,
                        (System.nanoTime() - started) / 1_000_000));
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
