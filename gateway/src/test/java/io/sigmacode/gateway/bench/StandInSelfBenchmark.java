package io.sigmacode.gateway.bench;

import io.sigmacode.standin.DifyStandIn;
import java.time.Duration;
import java.util.Map;

/**
 * Proves the load tools on the stand-in alone: the baseline is the stand-in at 50 ms, the "target" the same
 * stand-in at 60 ms, so a correct report shows about +10 ms added latency and no errors.
 */
public final class StandInSelfBenchmark {

    private static final double RATE = 100;
    private static final Duration DURATION = Duration.ofSeconds(5);
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private StandInSelfBenchmark() {
    }

    /**
     * The first pass in a fresh JVM is dominated by JIT compilation on both sides (p90 in the hundreds of ms on
     * a 2-core machine), which would bias whichever side runs first; a discarded pass removes that.
     */
    private static void warmUpJvm(BenchRequest request) {
        new OpenLoopLoad(request, OpenLoopSettings.of(RATE, WARM_UP).withWarmup(Duration.ZERO)).run();
    }

    public static void main(String[] args) {
        try (DifyStandIn standIn = DifyStandIn.builder()
                .latency(Duration.ofMillis(50))
                .journalEntries(false)
                .build()
                .start()) {
            BenchRequest request = BenchRequest.post(standIn.baseUrl() + "/chat-messages",
                    Map.of("Authorization", "Bearer " + DifyStandIn.DEFAULT_CHAT_KEY, "Content-Type", "application/json"),
                    "{\"inputs\":{},\"query\":\"benchmark\",\"response_mode\":\"blocking\",\"user\":\"bench\"}");
            OpenLoopSettings settings = OpenLoopSettings.of(RATE, DURATION);
            SaturationProbe probe = new SaturationProbe(request, Duration.ofSeconds(2));

            warmUpJvm(request);
            LoadResult baseline = new OpenLoopLoad(request, settings).run();
            SaturationResult baselineSaturation = probe.probe(16, 64);

            standIn.setLatency(Duration.ofMillis(60));
            LoadResult target = new OpenLoopLoad(request, settings).run();
            SaturationResult targetSaturation = probe.probe(16, 64);

            new BenchReport("Stand-in self benchmark: 50 ms baseline vs 60 ms target", target, baseline)
                    .withSaturation(targetSaturation, baselineSaturation)
                    .print(System.out);
            System.out.println();
            System.out.println("stand-in received " + standIn.requestCount() + " requests");
        }
    }
}
