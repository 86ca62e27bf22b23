package io.sigmacode.gateway.bench;

import java.time.Duration;

/**
 * How an open-loop run is paced. The warmup runs at the same rate first and is not recorded. The timeout bounds
 * each request (including time waiting for a pooled connection); a timed-out request counts as an error.
 */
public record OpenLoopSettings(double ratePerSecond, Duration duration, Duration warmup, int maxConnections,
                               Duration timeout) {

    /** A ceiling that keeps a mistyped rate or duration from turning a benchmark into a flood. */
    static final long MAX_REQUESTS = 10_000_000L;

    public OpenLoopSettings {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative() || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException("duration and timeout must be positive, warmup not negative");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        if (ratePerSecond * (duration.toNanos() + warmup.toNanos()) / 1e9 > MAX_REQUESTS) {
            throw new IllegalArgumentException("more than " + MAX_REQUESTS + " requests requested");
        }
    }

    /** One second of warmup, 512 connections, 30 s timeout. */
    public static OpenLoopSettings of(double ratePerSecond, Duration duration) {
        return new OpenLoopSettings(ratePerSecond, duration, Duration.ofSeconds(1), 512, Duration.ofSeconds(30));
    }

    public OpenLoopSettings withWarmup(Duration newWarmup) {
        return new OpenLoopSettings(ratePerSecond, duration, newWarmup, maxConnections, timeout);
    }

    public OpenLoopSettings withMaxConnections(int newMaxConnections) {
        return new OpenLoopSettings(ratePerSecond, duration, warmup, newMaxConnections, timeout);
    }

    public OpenLoopSettings withTimeout(Duration newTimeout) {
        return new OpenLoopSettings(ratePerSecond, duration, warmup, maxConnections, newTimeout);
    }

    long requestCount(Duration span) {
        return Math.round(ratePerSecond * span.toNanos() / 1e9);
    }
}
