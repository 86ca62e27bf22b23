package io.sigmacode.gateway.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/** Markdown comparison of a target (the gateway) with a baseline (the stand-in called directly) from one run. */
public final class BenchReport {

    private static final String ROW = "| %s | %s | %s | %s | %s |%n";

    private final String title;
    private final LoadResult target;
    private final LoadResult baseline;
    private final SaturationResult targetSaturation;
    private final SaturationResult baselineSaturation;

    public BenchReport(String title, LoadResult target, LoadResult baseline) {
        this(title, target, baseline, null, null);
    }

    private BenchReport(String title, LoadResult target, LoadResult baseline, SaturationResult targetSaturation,
                        SaturationResult baselineSaturation) {
        this.title = Objects.requireNonNull(title);
        this.target = Objects.requireNonNull(target);
        this.baseline = Objects.requireNonNull(baseline);
        this.targetSaturation = targetSaturation;
        this.baselineSaturation = baselineSaturation;
    }

    public BenchReport withSaturation(SaturationResult target, SaturationResult baseline) {
        return new BenchReport(title, this.target, this.baseline, Objects.requireNonNull(target),
                Objects.requireNonNull(baseline));
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append(System.lineSeparator()).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT,
                "Open loop at %.0f req/s for %.1f s per side; latency from intended send time to last byte, 2xx only.%n%n",
                target.targetRate(), target.durationSeconds()));
        out.append(String.format(Locale.ROOT, ROW, "metric", "baseline", "target", "added (target − baseline)",
                "ratio target/baseline"));
        out.append("|---|---:|---:|---:|---:|").append(System.lineSeparator());
        latencyRow(out, "p50 latency (ms)", baseline.p50Micros(), target.p50Micros());
        latencyRow(out, "p90 latency (ms)", baseline.p90Micros(), target.p90Micros());
        latencyRow(out, "p99 latency (ms)", baseline.p99Micros(), target.p99Micros());
        latencyRow(out, "p99.9 latency (ms)", baseline.p999Micros(), target.p999Micros());
        latencyRow(out, "max latency (ms)", baseline.maxMicros(), target.maxMicros());
        out.append(String.format(Locale.ROOT, ROW, "achieved rate (req/s)", rate(baseline.achievedRate()),
                rate(target.achievedRate()), signed(target.achievedRate() - baseline.achievedRate(), "%.1f"),
                ratio(target.achievedRate(), baseline.achievedRate())));
        out.append(String.format(Locale.ROOT, ROW, "sent / 2xx / non-2xx / errors", counts(baseline), counts(target),
                "", ""));
        out.append(String.format(Locale.ROOT, ROW, "max pacer lag (ms)", ms(baseline.maxSendLagMicros()),
                ms(target.maxSendLagMicros()), "", ""));
        if (targetSaturation != null) {
            double base = baselineSaturation.throughput();
            double tgt = targetSaturation.throughput();
            out.append(String.format(Locale.ROOT, ROW, "saturation throughput (req/s, errors < 1%)", rate(base),
                    rate(tgt), signed(tgt - base, "%.1f"), ratio(tgt, base)));
        }
        return out.toString();
    }

    public void print(PrintStream stream) {
        stream.print(markdown());
        stream.flush();
    }

    private static void latencyRow(StringBuilder out, String name, long baselineMicros, long targetMicros) {
        out.append(String.format(Locale.ROOT, ROW, name, ms(baselineMicros), ms(targetMicros),
                signed((targetMicros - baselineMicros) / 1000.0, "%.2f"), ratio(targetMicros, baselineMicros)));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String signed(double value, String format) {
        return (value >= 0 ? "+" : "") + String.format(Locale.ROOT, format, value);
    }

    private static String ratio(double target, double baseline) {
        return baseline == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", target / baseline);
    }

    private static String counts(LoadResult result) {
        return result.sent() + " / " + result.ok() + " / " + result.non2xx() + " / " + result.errors();
    }
}
