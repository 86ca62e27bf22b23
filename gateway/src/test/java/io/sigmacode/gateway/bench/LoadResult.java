package io.sigmacode.gateway.bench;

import org.HdrHistogram.Histogram;

/**
 * Outcome of one open-loop run. Latencies are microseconds from each request's intended send time to the last
 * response byte, over 2xx responses only. {@code maxSendLagMicros} shows how late the pacer itself fired: if it is
 * large, the generator, not the target, was the bottleneck.
 */
public record LoadResult(double targetRate, double durationSeconds, long sent, long ok, long non2xx, long errors,
                         double achievedRate, long p50Micros, long p90Micros, long p99Micros, long p999Micros,
                         long maxMicros, double meanMicros, long maxSendLagMicros, Histogram histogram) {

    static LoadResult from(double targetRate, double durationSeconds, long sent, LatencyRecorder recorder,
                           double achievedRate, long maxSendLagMicros) {
        Histogram histogram = recorder.snapshot();
        return new LoadResult(targetRate, durationSeconds, sent, recorder.ok(), recorder.non2xx(), recorder.errors(),
                achievedRate, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                histogram.getTotalCount() == 0 ? 0 : histogram.getMean(), maxSendLagMicros, histogram);
    }

    /** Share of sent requests that did not end in 2xx, including timeouts and connection failures. */
    public double errorRate() {
        return sent == 0 ? 0 : (double) (non2xx + errors) / sent;
    }
}
