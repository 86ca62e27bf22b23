package io.sigmacode.gateway.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a fixed-rate stream of requests regardless of how fast responses come back. Each request has an intended
 * send time on a fixed schedule, and its latency is measured from that time, so a stalled target is charged for
 * the requests it delayed (no coordinated omission). The run is bounded by its request count and a deadline.
 */
public final class OpenLoopLoad {

    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);

    private final BenchRequest request;
    private final OpenLoopSettings settings;

    public OpenLoopLoad(BenchRequest request, OpenLoopSettings settings) {
        this.request = request;
        this.settings = settings;
    }

    /**
     * Runs warmup plus measurement and waits for the last response; call it from a plain thread (main or test),
     * never from an event loop, because it paces by parking the calling thread.
     */
    public LoadResult run() {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("OpenLoopLoad.run() paces by parking and must not run on an event loop");
        }
        long warmupCount = settings.requestCount(settings.warmup());
        long measuredCount = Math.max(1, settings.requestCount(settings.duration()));
        long total = warmupCount + measuredCount;
        double intervalNanos = 1e9 / settings.ratePerSecond();
        LatencyRecorder warmupRecorder = new LatencyRecorder();
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong lastCompletion = new AtomicLong();
        CountDownLatch finished = new CountDownLatch((int) total);
        long maxLag = 0;
        long start;
        try (BenchHttp http = new BenchHttp(request, settings.maxConnections(), settings.timeout())) {
            start = System.nanoTime() + START_DELAY_NANOS;
            for (long i = 0; i < total; i++) {
                long intended = start + Math.round(i * intervalNanos);
                long lag = parkUntil(intended);
                boolean measured = i >= warmupCount;
                if (measured) {
                    maxLag = Math.max(maxLag, lag);
                }
                LatencyRecorder target = measured ? recorder : warmupRecorder;
                http.exchange().subscribe(
                        status -> {
                            long now = System.nanoTime();
                            target.response(status, now - intended);
                            lastCompletion.accumulateAndGet(now, Math::max);
                        },
                        error -> {
                            target.error();
                            finished.countDown();
                        },
                        finished::countDown);
            }
            awaitDrain(finished, recorder);
        }
        long measuredStart = start + Math.round(warmupCount * intervalNanos);
        double window = Math.max(1, lastCompletion.get() - measuredStart) / 1e9;
        double achieved = (recorder.ok() + recorder.non2xx()) / window;
        return LoadResult.from(settings.ratePerSecond(), settings.duration().toNanos() / 1e9, measuredCount, recorder,
                achieved, maxLag / 1_000);
    }

    /** Requests still open after timeout + grace are counted as errors; closing the client then cancels them. */
    private void awaitDrain(CountDownLatch finished, LatencyRecorder recorder) {
        try {
            if (!finished.await(settings.timeout().plus(DRAIN_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                recorder.errors(finished.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.errors(finished.getCount());
        }
    }

    /** Returns how late we are for {@code deadline}; parking keeps the pacer off the CPU between sends. */
    private static long parkUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        while (remaining > 0) {
            LockSupport.parkNanos(remaining);
            remaining = deadline - System.nanoTime();
        }
        return -remaining;
    }
}
