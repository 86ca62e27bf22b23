package io.sigmacode.gateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finds the throughput a target sustains: closed-loop runs at increasing concurrency, each bounded by time and by
 * a request ceiling. Closed-loop latencies suffer from coordinated omission, so use {@link OpenLoopLoad} for
 * latency and this class only for throughput.
 */
public final class SaturationProbe {

    private static final Duration BLOCK_GRACE = Duration.ofSeconds(5);

    private final BenchRequest request;
    private final Duration durationPerLevel;
    private final Duration timeout;
    private final long maxRequestsPerLevel;

    public SaturationProbe(BenchRequest request, Duration durationPerLevel, Duration timeout, long maxRequestsPerLevel) {
        if (durationPerLevel.isNegative() || durationPerLevel.isZero() || maxRequestsPerLevel < 1) {
            throw new IllegalArgumentException("durationPerLevel and maxRequestsPerLevel must be positive");
        }
        this.request = request;
        this.durationPerLevel = durationPerLevel;
        this.timeout = timeout;
        this.maxRequestsPerLevel = Math.min(maxRequestsPerLevel, OpenLoopSettings.MAX_REQUESTS);
    }

    /** 10 s timeout and at most one million requests per level. */
    public SaturationProbe(BenchRequest request, Duration durationPerLevel) {
        this(request, durationPerLevel, Duration.ofSeconds(10), 1_000_000);
    }

    /** Runs every level in order; call from a plain thread, it blocks until all levels are done. */
    public SaturationResult probe(int... concurrencyLevels) {
        List<ClosedLoopResult> levels = new ArrayList<>();
        for (int concurrency : concurrencyLevels) {
            levels.add(runLevel(concurrency));
        }
        return new SaturationResult(levels);
    }

    public ClosedLoopResult runLevel(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("SaturationProbe blocks and must not run on an event loop");
        }
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong issued = new AtomicLong();
        try (BenchHttp http = new BenchHttp(request, concurrency, timeout)) {
            long start = System.nanoTime();
            long deadline = start + durationPerLevel.toNanos();
            Mono<Void> oneRequest = Mono.defer(() -> {
                issued.incrementAndGet();
                long sentAt = System.nanoTime();
                return http.exchange()
                        .doOnNext(status -> recorder.response(status, System.nanoTime() - sentAt))
                        .doOnError(error -> recorder.error())
                        .onErrorResume(error -> Mono.empty())
                        .then();
            });
            Flux.range(0, concurrency)
                    .flatMap(worker -> oneRequest.repeat(
                            () -> System.nanoTime() < deadline && issued.get() < maxRequestsPerLevel), concurrency)
                    .then()
                    .block(durationPerLevel.plus(timeout).plus(BLOCK_GRACE));
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram histogram = recorder.snapshot();
            return new ClosedLoopResult(concurrency, seconds, recorder.ok(), recorder.non2xx(), recorder.errors(),
                    recorder.ok() / seconds, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99));
        }
    }
}
