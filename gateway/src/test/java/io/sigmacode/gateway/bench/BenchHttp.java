package io.sigmacode.gateway.bench;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A client with its own pool and event loops, so the load generator never shares threads with the server it
 * measures (the stand-in and the gateway use Reactor Netty's global loops).
 */
final class BenchHttp implements AutoCloseable {

    private final ConnectionProvider pool;
    private final LoopResources loops;
    private final Mono<Integer> exchange;

    BenchHttp(BenchRequest request, int maxConnections, Duration timeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        pool = ConnectionProvider.builder("bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(timeout)
                .build();
        loops = LoopResources.create("bench-io", Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
        byte[] payload = request.payload();
        HttpClient client = HttpClient.create(pool)
                .runOn(loops)
                .headers(headers -> {
                    request.headers().forEach(headers::set);
                    headers.set(HttpHeaderNames.CONTENT_LENGTH, payload.length);
                });
        exchange = client.post()
                .uri(request.uri())
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(payload)))
                .response((response, content) -> content.then(Mono.just(response.status().code())))
                .single()
                .timeout(timeout);
    }

    /** Cold: each subscription sends one request and emits the status once the last body byte has arrived. */
    Mono<Integer> exchange() {
        return exchange;
    }

    @Override
    public void close() {
        pool.disposeLater().then(loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2))).block(Duration.ofSeconds(5));
    }
}
