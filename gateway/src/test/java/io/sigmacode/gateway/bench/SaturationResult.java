package io.sigmacode.gateway.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** All probed levels; the saturation point is the best 2xx throughput among levels with under 1% errors. */
public record SaturationResult(List<ClosedLoopResult> levels) {

    static final double MAX_ERROR_RATE = 0.01;

    public SaturationResult {
        levels = List.copyOf(levels);
    }

    public Optional<ClosedLoopResult> best() {
        return levels.stream()
                .filter(level -> level.errorRate() < MAX_ERROR_RATE)
                .max(Comparator.comparingDouble(ClosedLoopResult::throughput));
    }

    /** Requests per second at saturation, or 0 when every level had 1% errors or more. */
    public double throughput() {
        return best().map(ClosedLoopResult::throughput).orElse(0.0);
    }
}
