package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.gateway.config.AxonProcessingConfig;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.standin.DifyStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway nodes on one PostgreSQL under load; the node that owns every projection is killed with SIGKILL. The
 * survivor keeps answering, takes the projections over, and settles the calls the dead node left in flight. How long
 * the takeover took is printed (speed is measured, not asserted; docs/benchmarks.md).
 */
class NodeKilledUnderLoadTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** Counted in place of a status when the connection failed. */
    private static final int NO_ANSWER = -1;

    @TempDir
    Path dir;

    private String[] arguments(int port, String difyUrl, String jdbcUrl) {
        return new String[] {"--server.port=" + port, "--server.shutdown=immediate", "--sigmacode.data-dir=" + dir,
                "--sigmacode.admin-token=" + ADMIN, "--sigmacode.encryption-key=" + KEY,
                "--sigmacode.dify.base-url=" + difyUrl, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--sigmacode.billing.recover-after=2s",
                "--sigmacode.billing.recovery-interval=1s", "--sigmacode.node.lease-duration=3s",
                "--sigmacode.node.renew-every=1s"};
    }

    @Test
    void theSurvivorKeepsAnsweringTakesTheProjectionsOverAndSettlesTheDeadNodesCalls() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on").start();
             DifyStandIn dify = DifyStandIn.builder().usage(1033, 128).answer("Hello.").build().start()) {
            dify.setLatency(Duration.ofMillis(30));
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            int doomedPort = ChildGateway.freePort();
            Process doomed = ChildGateway.start(dir.resolve("doomed.log"),
                    arguments(doomedPort, dify.baseUrl(), jdbcUrl));
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> ChildGateway.client(doomedPort).get("/actuator/health", ADMIN, 200) != null);
                JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
                await().atMost(Duration.ofMinutes(1)).until(() -> owners(jdbc).size() == 1);
                String doomedNode = owners(jdbc).keySet().iterator().next();

                int port = ChildGateway.freePort();
                try (ConfigurableApplicationContext survivor = SpringApplication.run(GatewayApplication.class,
                        arguments(port, dify.baseUrl(), jdbcUrl))) {
                    String survivorNode = survivor.getBean(NodeLease.class).nodeId();
                    GatewayTestSupport gateway = ChildGateway.client(port);
                    var tenant = gateway.onboard(1_000_000);
                    var survivorStatuses = new ConcurrentHashMap<Integer, AtomicInteger>();
                    Disposable onDoomed = load(doomedPort, tenant.key(), new ConcurrentHashMap<>());
                    Disposable onSurvivor = load(port, tenant.key(), survivorStatuses);
                    await().atMost(Duration.ofSeconds(60)).until(() -> count(survivorStatuses, 200) >= 20);
                    // on a starved machine a claim may already have passed to the survivor; the kill must matter
                    await().atMost(Duration.ofSeconds(30)).until(() -> owners(jdbc).containsKey(doomedNode));

                    doomed.destroyForcibly().waitFor();
                    long killed = System.nanoTime();
                    onDoomed.dispose();
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> owners(jdbc).keySet().equals(Set.of(survivorNode)));
                    System.out.printf("projections taken over %d ms after the kill%n",
                            (System.nanoTime() - killed) / 1_000_000);
                    int answeredAtTakeover = count(survivorStatuses, 200);
                    await().atMost(Duration.ofSeconds(60)).until(() -> count(survivorStatuses, 200)
                            >= answeredAtTakeover + 20);
                    onSurvivor.dispose();

                    assertThat(survivorStatuses).as("every call to the survivor answered").containsOnlyKeys(200);
                    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                        var balance = gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
                        assertThat(balance.get("reserved").asLong()).as("no reservation left open").isZero();
                        assertThat(balance.get("balance").asLong())
                                .isEqualTo(EventStoreFacts.balance(jdbc, tenant.accountId()));
                    });
                }
            } finally {
                doomed.destroyForcibly().waitFor();
            }
        }
    }

    /** Tracking groups per owning node. */
    private static Map<String, Long> owners(JdbcTemplate jdbc) {
        Map<String, Long> owners = new HashMap<>();
        jdbc.query("SELECT owner, COUNT(*) FROM token_entry WHERE processor_name IN (" + String.join(", ",
                        AxonProcessingConfig.TRACKING_GROUPS.stream().map(g -> "'" + g + "'").toList())
                        + ") GROUP BY owner", rs -> {
            owners.put(rs.getString(1), rs.getLong(2));
        });
        long claimed = owners.entrySet().stream().filter(e -> e.getKey() != null)
                .mapToLong(Map.Entry::getValue).sum();
        return claimed == AxonProcessingConfig.TRACKING_GROUPS.size() ? owners : Map.of();
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    private static Disposable load(int port, String key, Map<Integer, AtomicInteger> statuses) {
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        return Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> client.post().uri("/v1/chat-messages")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(GatewayTestSupport.chatBody("load " + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                        .onErrorReturn(NO_ANSWER)
                        .doOnNext(status -> statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet()), 4)
                .subscribe();
    }
}
