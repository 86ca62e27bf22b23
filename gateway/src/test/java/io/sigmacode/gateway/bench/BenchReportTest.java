package io.sigmacode.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void tabulatesAddedLatencyRatiosAndThroughput() {
        LoadResult baseline = result(50_000, 58_000, 99.5);
        LoadResult target = result(51_500, 62_000, 99.0);
        SaturationResult baselineSaturation = new SaturationResult(
                List.of(new ClosedLoopResult(64, 2, 2000, 0, 0, 1000, 50_000, 60_000)));
        SaturationResult targetSaturation = new SaturationResult(
                List.of(new ClosedLoopResult(64, 2, 1600, 0, 0, 800, 60_000, 80_000)));

        String markdown = new BenchReport("gateway vs stand-in", target, baseline)
                .withSaturation(targetSaturation, baselineSaturation)
                .markdown();

        assertTrue(markdown.startsWith("### gateway vs stand-in"), markdown);
        assertTrue(markdown.contains("| metric | baseline | target | added (target − baseline) | ratio target/baseline |"));
        assertTrue(markdown.contains("| p50 latency (ms) | 50.00 | 51.50 | +1.50 | 1.030 |"), markdown);
        assertTrue(markdown.contains("| p99 latency (ms) | 58.00 | 62.00 | +4.00 | 1.069 |"), markdown);
        assertTrue(markdown.contains("| saturation throughput (req/s, errors < 1%) | 1000.0 | 800.0 | -200.0 | 0.800 |"),
                markdown);
        assertTrue(markdown.contains("| sent / 2xx / non-2xx / errors | 500 / 500 / 0 / 0 |"), markdown);
    }

    @Test
    void leavesOutSaturationWhenNotMeasured() {
        String markdown = new BenchReport("t", result(1000, 2000, 10), result(1000, 2000, 10)).markdown();

        assertTrue(markdown.contains("| p50 latency (ms) | 1.00 | 1.00 | +0.00 | 1.000 |"), markdown);
        assertTrue(!markdown.contains("saturation"), markdown);
    }

    private static LoadResult result(long p50, long p99, double achieved) {
        return new LoadResult(100, 5, 500, 500, 0, 0, achieved, p50, p50, p99, p99, p99, p50, 100, new Histogram(3));
    }
}
