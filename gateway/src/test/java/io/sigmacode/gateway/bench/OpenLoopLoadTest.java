package io.sigmacode.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmacode.standin.DifyStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {

    private static final String BODY = "{\"inputs\":{},\"query\":\"q\",\"response_mode\":\"blocking\",\"user\":\"u\"}";

    private DifyStandIn standIn;

    @BeforeEach
    void start() {
        standIn = DifyStandIn.builder().journalEntries(false).build().start();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void sendsTheScheduledNumberOfRequestsAndMeasuresTheLatency() {
        standIn.setLatency(Duration.ofMillis(20));

        LoadResult result = new OpenLoopLoad(chatRequest(DifyStandIn.DEFAULT_CHAT_KEY),
                OpenLoopSettings.of(50, Duration.ofSeconds(1)).withWarmup(Duration.ofMillis(200))).run();

        assertEquals(50, result.sent());
        assertEquals(50, result.ok());
        assertEquals(0, result.non2xx() + result.errors());
        assertEquals(60, standIn.requestCount(), "warmup requests are sent but not recorded");
        assertTrue(result.p50Micros() >= 20_000, "p50 " + result.p50Micros());
        assertTrue(result.maxMicros() >= result.p99Micros() && result.p99Micros() >= result.p50Micros());
        assertTrue(result.achievedRate() > 25 && result.achievedRate() < 75, "rate " + result.achievedRate());
        assertEquals(50, result.histogram().getTotalCount());
    }

    @Test
    void chargesQueuedRequestsFromTheirIntendedSendTime() {
        standIn.delayNext(Duration.ofMillis(500));

        LoadResult result = new OpenLoopLoad(chatRequest(DifyStandIn.DEFAULT_CHAT_KEY),
                OpenLoopSettings.of(20, Duration.ofSeconds(1)).withWarmup(Duration.ZERO).withMaxConnections(1)).run();

        assertEquals(20, result.ok());
        assertTrue(result.maxMicros() >= 450_000, "max " + result.maxMicros());
        assertTrue(result.p90Micros() >= 300_000,
                "requests queued behind the stall must count as slow, p90 " + result.p90Micros());
    }

    @Test
    void countsNon2xxApartFromTheHistogram() {
        LoadResult result = new OpenLoopLoad(chatRequest("app-unknown"),
                OpenLoopSettings.of(40, Duration.ofMillis(500)).withWarmup(Duration.ZERO)).run();

        assertEquals(20, result.non2xx());
        assertEquals(0, result.ok());
        assertEquals(0, result.histogram().getTotalCount());
        assertEquals(1.0, result.errorRate());
    }

    @Test
    void countsRefusedConnectionsAndTimeoutsAsErrors() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BenchRequest refused = BenchRequest.post("http://127.0.0.1:" + closedPort + "/v1/chat-messages", Map.of(), BODY);
        LoadResult refusedResult = new OpenLoopLoad(refused,
                OpenLoopSettings.of(20, Duration.ofMillis(500)).withWarmup(Duration.ZERO)).run();
        assertEquals(10, refusedResult.errors());

        standIn.setLatency(Duration.ofSeconds(5));
        LoadResult timedOut = new OpenLoopLoad(chatRequest(DifyStandIn.DEFAULT_CHAT_KEY),
                OpenLoopSettings.of(20, Duration.ofMillis(250)).withWarmup(Duration.ZERO)
                        .withTimeout(Duration.ofMillis(200))).run();
        assertEquals(5, timedOut.errors());
        assertEquals(0, timedOut.ok());
    }

    private BenchRequest chatRequest(String key) {
        return BenchRequest.post(standIn.baseUrl() + "/chat-messages",
                Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"), BODY);
    }
}
