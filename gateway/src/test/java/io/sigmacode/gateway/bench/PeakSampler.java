package io.sigmacode.gateway.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The highest value a gauge (heap in use, direct memory) reached while a benchmark ran, sampled on a timer. */
final class PeakSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peak-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peak;

    private PeakSampler(LongSupplier gauge, Duration every) {
        this.peak = new AtomicLong(gauge.getAsLong());
        timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(gauge.getAsLong(), Math::max), 0, every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static PeakSampler start(LongSupplier gauge, Duration every) {
        return new PeakSampler(gauge, every);
    }

    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
