package io.sigmacode.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.gateway.standin.DifyStandIn;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's added latency and its saturation throughput, measured against calling the Dify stand-in directly
 * in the same run: the stand-in answers every blocking chat call after a fixed latency, an open-loop load sends the
 * same request at a fixed rate once straight to the stand-in (baseline) and once through the gateway (target).
 * Everything runs in this one JVM on loopback, so baseline and target share the machine the same way.
 *
 * <p>Settings (system properties): {@code bench.rate} requests/s (default 100), {@code bench.seconds} per pass
 * (default 20), {@code bench.latencyMs} stand-in latency (default 50).
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "bench-admin";
    private static final String BODY =
            "{\"inputs\":{},\"query\":\"What are the specs of the iPhone 13 Pro Max?\",\"response_mode\":\"blocking\",\"user\":\"bench\"}";

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
        Duration latency = Duration.ofMillis(Long.getLong("bench.latencyMs", 50));

        try (DifyStandIn dify = DifyStandIn.builder().latency(latency).journalEntries(false).build().start();
             ConfigurableApplicationContext gateway = startGateway(dify)) {
            String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            String key = onboard(gatewayUrl);

            BenchRequest direct = BenchRequest.post(dify.baseUrl() + "/chat-messages",
                    Map.of("Authorization", "Bearer " + DifyStandIn.DEFAULT_CHAT_KEY, "Content-Type", "application/json"),
                    BODY);
            BenchRequest proxied = BenchRequest.post(gatewayUrl + "/v1/chat-messages",
                    Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"), BODY);
            OpenLoopSettings settings = OpenLoopSettings.of(rate, duration).withWarmup(Duration.ofSeconds(5));

            warmUp(direct, rate);
            warmUp(proxied, rate);
            LoadResult baseline = new OpenLoopLoad(direct, settings).run();
            LoadResult target = new OpenLoopLoad(proxied, settings).run();
            SaturationResult baselineSaturation = new SaturationProbe(direct, Duration.ofSeconds(5)).probe(16, 64, 128);
            SaturationResult targetSaturation = new SaturationProbe(proxied, Duration.ofSeconds(5)).probe(16, 64, 128);

            new BenchReport("Blocking chat call, stand-in latency " + latency.toMillis() + " ms, " + rate
                    + " req/s open loop for " + duration.toSeconds() + " s", target, baseline)
                    .withSaturation(targetSaturation, baselineSaturation)
                    .print(System.out);
        }
    }

    /** A discarded pass per side, so JIT compilation does not bias whichever side runs first. */
    private static void warmUp(BenchRequest request, double rate) {
        new OpenLoopLoad(request, OpenLoopSettings.of(rate, Duration.ofSeconds(10)).withWarmup(Duration.ZERO)).run();
    }

    private static ConfigurableApplicationContext startGateway(DifyStandIn dify) throws IOException {
        return SpringApplication.run(GatewayApplication.class,
                "--server.port=0",
                "--sigmacode.data-dir=" + Files.createTempDirectory("sigmacode-bench"),
                "--sigmacode.admin-token=" + ADMIN,
                "--sigmacode.dify.base-url=" + dify.baseUrl(),
                "--logging.level.root=WARN");
    }

    private static String onboard(String gatewayUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode tenant = post(http, gatewayUrl + "/api/tenants", Map.of("name", "bench"));
        String tenantId = tenant.get("tenantId").asText();
        String app = post(http, gatewayUrl + "/api/tenants/" + tenantId + "/apps", Map.of("name", "bench",
                "difyApiKey", DifyStandIn.DEFAULT_CHAT_KEY, "mode", "chat")).get("appId").asText();
        post(http, gatewayUrl + "/api/accounts/" + tenant.get("accountId").asText() + "/grants",
                Map.of("tokens", 1_000_000_000L, "reason", "benchmark"));
        return post(http, gatewayUrl + "/api/tenants/" + tenantId + "/api-keys", Map.of("name", "bench",
                "appId", app, "roles", java.util.List.of("developer"))).get("key").asText();
    }

    private static JsonNode post(HttpClient http, String url, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
