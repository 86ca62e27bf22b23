package io.sigmacode.gateway.bench;

/** One closed-loop level: {@code concurrency} workers each sending the next request as soon as one completes. */
public record ClosedLoopResult(int concurrency, double durationSeconds, long ok, long non2xx, long errors,
                               double throughput, long p50Micros, long p99Micros) {

    public long completed() {
        return ok + non2xx + errors;
    }

    public double errorRate() {
        return completed() == 0 ? 0 : (double) (non2xx + errors) / completed();
    }
}
