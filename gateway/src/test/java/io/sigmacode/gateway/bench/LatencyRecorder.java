package io.sigmacode.gateway.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Written from event-loop threads, read once at the end. Only 2xx latencies enter the histogram so that fast
 * failures cannot make a target look quicker; they are counted instead.
 */
final class LatencyRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final LongAdder ok = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void response(int status, long latencyNanos) {
        if (status >= 200 && status < 300) {
            histogram.recordValue(Math.max(0, latencyNanos / 1_000));
            ok.increment();
        } else {
            non2xx.increment();
        }
    }

    void error() {
        errors.increment();
    }

    void errors(long count) {
        errors.add(count);
    }

    long ok() {
        return ok.sum();
    }

    long non2xx() {
        return non2xx.sum();
    }

    long errors() {
        return errors.sum();
    }

    Histogram snapshot() {
        return histogram.copy();
    }
}
