package io.sigmacode.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmacode.standin.DifyStandIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaturationProbeTest {

    @Test
    void moreWorkersGiveMoreThroughputAgainstAFixedLatency() {
        try (DifyStandIn standIn = DifyStandIn.builder().latency(Duration.ofMillis(20)).journalEntries(false)
                .build().start()) {
            BenchRequest request = BenchRequest.post(standIn.baseUrl() + "/chat-messages",
                    Map.of("Authorization", "Bearer " + DifyStandIn.DEFAULT_CHAT_KEY),
                    "{\"inputs\":{},\"query\":\"q\",\"user\":\"u\"}");

            SaturationResult result = new SaturationProbe(request, Duration.ofMillis(600)).probe(1, 8);

            assertEquals(2, result.levels().size());
            ClosedLoopResult single = result.levels().get(0);
            ClosedLoopResult eight = result.levels().get(1);
            assertTrue(single.throughput() <= 55, "one worker at 20 ms: " + single.throughput());
            assertTrue(eight.throughput() > 2 * single.throughput(), eight + " vs " + single);
            assertEquals(0, eight.errorRate());
            assertEquals(eight, result.best().orElseThrow());
            assertEquals(eight.throughput(), result.throughput());
            assertTrue(eight.p50Micros() >= 20_000);
        }
    }

    @Test
    void aLevelWithErrorsIsNotASaturationPoint() {
        try (DifyStandIn standIn = DifyStandIn.builder().journalEntries(false).build().start()) {
            BenchRequest unauthorized = BenchRequest.post(standIn.baseUrl() + "/chat-messages", Map.of(), "{}");

            SaturationResult result = new SaturationProbe(unauthorized, Duration.ofMillis(200)).probe(2);

            assertTrue(result.levels().get(0).non2xx() > 0);
            assertTrue(result.best().isEmpty());
            assertEquals(0.0, result.throughput());
        }
    }
}
