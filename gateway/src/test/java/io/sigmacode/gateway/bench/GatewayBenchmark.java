package io.sigmacode.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The gateway's added latency and its saturation throughput, measured against calling the Dify stand-in directly
 * in the same run: the stand-in answers every blocking chat call after a fixed latency, an open-loop load sends the
 * same request at a fixed rate once straight to the stand-in (baseline) and once through the gateway (target).
 * Everything runs in this one JVM on loopback, so baseline and target share the machine the same way.
 *
 * <p>Settings (system properties): {@code bench.rates} requests/s, one report each (default 20,100),
 * {@code bench.seconds} per pass (default 20), {@code bench.latencyMs} stand-in latency (default 50).
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "bench-admin-token-0123456789abcdefghij";
    private static final String BODY =
            "{\"inputs\":{},\"query\":\"What are the specs of the iPhone 13 Pro Max?\",\"response_mode\":\"blocking\",\"user\":\"bench\"}";

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double[] rates = Arrays.stream(System.getProperty("bench.rates", "20,100").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
        Duration latency = Duration.ofMillis(Long.getLong("bench.latencyMs", 50));

        try (DifyStandIn dify = DifyStandIn.builder().latency(latency).journalEntries(false).build().start();
             ConfigurableApplicationContext gateway = startGateway(dify)) {
            String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            String key = onboard(gatewayUrl).key();

            BenchRequest direct = BenchRequest.post(dify.baseUrl() + "/chat-messages",
                    Map.of("Authorization", "Bearer " + DifyStandIn.DEFAULT_CHAT_KEY, "Content-Type", "application/json"),
                    BODY);
            BenchRequest proxied = BenchRequest.post(gatewayUrl + "/v1/chat-messages",
                    Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"), BODY);
            warmUp(direct, rates[0]);
            warmUp(proxied, rates[0]);
            List<LoadResult[]> passes = new ArrayList<>();
            for (double rate : rates) {
                OpenLoopSettings settings = OpenLoopSettings.of(rate, duration).withWarmup(Duration.ofSeconds(5));
                passes.add(new LoadResult[]{new OpenLoopLoad(direct, settings).run(),
                        new OpenLoopLoad(proxied, settings).run()});
            }
            // Last: the probes leave the projections with a backlog that would slow any pass after them.
            SaturationResult baselineSaturation = new SaturationProbe(direct, Duration.ofSeconds(5)).probe(16, 64, 128);
            SaturationResult targetSaturation = new SaturationProbe(proxied, Duration.ofSeconds(5)).probe(16, 64, 128);
            for (int i = 0; i < rates.length; i++) {
                new BenchReport("Blocking chat call, stand-in latency " + latency.toMillis() + " ms, " + rates[i]
                        + " req/s open loop for " + duration.toSeconds() + " s", passes.get(i)[1], passes.get(i)[0])
                        .withSaturation(targetSaturation, baselineSaturation)
                        .print(System.out);
                System.out.println();
            }
        }
    }

    /** A discarded pass per side, so JIT compilation does not bias whichever side runs first. */
    private static void warmUp(BenchRequest request, double rate) {
        new OpenLoopLoad(request, OpenLoopSettings.of(rate, Duration.ofSeconds(10)).withWarmup(Duration.ZERO)).run();
    }

    static ConfigurableApplicationContext startGateway(DifyStandIn dify) throws IOException {
        return SpringApplication.run(GatewayApplication.class,
                "--server.port=0",
                "--sigmacode.data-dir=" + Files.createTempDirectory("sigmacode-bench"),
                "--sigmacode.admin-token=" + ADMIN,
                "--sigmacode.dify.base-url=" + dify.baseUrl(),
                "--logging.level.root=WARN");
    }

    /** A tenant with a developer key and a large grant on its account. */
    record Onboarded(String key, String accountId) {
    }

    static Onboarded onboard(String gatewayUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode tenant = post(http, gatewayUrl + "/api/tenants", Map.of("name", "bench"));
        String tenantId = tenant.get("tenantId").asText();
        String app = post(http, gatewayUrl + "/api/tenants/" + tenantId + "/apps", Map.of("name", "bench",
                "difyApiKey", DifyStandIn.DEFAULT_CHAT_KEY, "mode", "chat")).get("appId").asText();
        post(http, gatewayUrl + "/api/accounts/" + tenant.get("accountId").asText() + "/grants",
                Map.of("tokens", 1_000_000_000L, "reason", "benchmark"));
        return new Onboarded(post(http, gatewayUrl + "/api/tenants/" + tenantId + "/api-keys", Map.of("name", "bench",
                "appId", app, "roles", List.of("developer"))).get("key").asText(), tenant.get("accountId").asText());
    }

    static JsonNode post(HttpClient http, String url, Object body) throws Exception {
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
