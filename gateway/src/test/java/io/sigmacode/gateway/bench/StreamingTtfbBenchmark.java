package io.sigmacode.gateway.bench;

import io.sigmacode.standin.DifyStandIn;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Time to first byte of a streamed chat answer, straight from the stand-in and through the gateway, in the same run
 * and JVM: the first byte of the body (the first event the client gets) and the last, for a long answer (many
 * deltas) and a short one (shorter than the firewall's hold-back, so it leaves only whole). Requests alternate
 * between the two sides, one at a time. Not a test: run it by hand, figures in docs/benchmarks.md.
 *
 * <p>Settings (system properties): {@code bench.requests} per side and answer (default 40), {@code bench.chunkMs}
 * stand-in delay between frames (default 20).
 */
public final class StreamingTtfbBenchmark {

    private static final String BODY = "{\"inputs\":{},\"query\":\"Tell me about streams\",\"response_mode\":"
            + "\"streaming\",\"user\":\"bench\"}";
    private static final String LONG_ANSWER = "Streaming answers arrive as many small deltas, one word at a time, "
            .repeat(6);

    private StreamingTtfbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 40);
        Duration chunk = Duration.ofMillis(Long.getLong("bench.chunkMs", 20));
        try (DifyStandIn dify = DifyStandIn.builder().chunkInterval(chunk).journalEntries(false).build().start();
             ConfigurableApplicationContext gateway = GatewayBenchmark.startGateway(dify)) {
            String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            String key = GatewayBenchmark.onboard(gatewayUrl).key();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest direct = request(dify.baseUrl() + "/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY);
            HttpRequest proxied = request(gatewayUrl + "/v1/chat-messages", key);

            System.out.printf("Streamed chat, stand-in frame interval %d ms, %d requests per side, ms (p50 / p90 / "
                    + "max)%n", chunk.toMillis(), requests);
            for (String answer : new String[] {LONG_ANSWER, "Hello from the stand-in."}) {
                dify.setAnswer(answer);
                measure(http, direct, proxied, 10);
                long[][] times = measure(http, direct, proxied, requests);
                System.out.printf("  answer of %d characters%n", answer.length());
                print("    first byte, stand-in direct", times[0]);
                print("    first byte, through gateway", times[1]);
                print("    last byte,  stand-in direct", times[2]);
                print("    last byte,  through gateway", times[3]);
            }
        }
    }

    private static HttpRequest request(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    /** Alternates the sides so both share whatever the machine does meanwhile. */
    private static long[][] measure(HttpClient http, HttpRequest direct, HttpRequest proxied, int requests)
            throws Exception {
        long[][] times = new long[4][requests];
        for (int i = 0; i < requests; i++) {
            long[] d = once(http, direct);
            long[] p = once(http, proxied);
            times[0][i] = d[0];
            times[1][i] = p[0];
            times[2][i] = d[1];
            times[3][i] = p[1];
        }
        return times;
    }

    /** Microseconds from sending to the first byte of the body, and to its end. */
    private static long[] once(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (body.read() < 0) {
                throw new IllegalStateException("empty stream, status " + response.statusCode());
            }
            long first = System.nanoTime() - start;
            body.readAllBytes();
            return new long[] {first / 1_000, (System.nanoTime() - start) / 1_000};
        }
    }

    private static void print(String name, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("%-36s %8.1f / %8.1f / %8.1f%n", name, sorted[sorted.length / 2] / 1000.0,
                sorted[(int) (sorted.length * 0.9)] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }
}
