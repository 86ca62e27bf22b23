package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
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
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ten times: a gateway in a child JVM takes a steady load of calls and is killed with SIGKILL mid-flight (its
 * embedded PostgreSQL left running, as a crash leaves it). A last gateway then starts on the same data. Every call
 * that was answered 200 must have its debit in the event store, the books must balance, and no reservation may stay
 * open once recovery has settled the calls the killed gateways left behind.
 */
class KillRestartUnderLoadTest {

    private static final int RESTARTS = 10;
    private static final int CONCURRENCY = 8;
    private static final int ANSWERED_PER_ROUND = 20;
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dataDir;

    private String[] arguments(int port, String difyUrl) {
        return new String[] {"--server.port=" + port, "--server.shutdown=immediate", "--sigmacode.data-dir=" + dataDir,
                "--sigmacode.admin-token=" + ADMIN, "--sigmacode.encryption-key=" + KEY,
                "--sigmacode.dify.base-url=" + difyUrl, "--sigmacode.billing.recover-after=2s",
                "--sigmacode.billing.recovery-interval=1s", "--sigmacode.node.lease-duration=3s",
                "--sigmacode.node.renew-every=1s"};
    }

    @Test
    void tenKillsUnderLoadLoseNoAnsweredCallAndLeaveNoReservationOpen() throws Exception {
        DifyStandIn dify = DifyStandIn.builder().usage(1033, 128).answer("Hello.").build().start();
        dify.setLatency(Duration.ofMillis(30));
        Set<String> answered = ConcurrentHashMap.newKeySet();
        GatewayTestSupport.Tenant tenant = null;
        try {
            for (int round = 0; round < RESTARTS; round++) {
                int port = ChildGateway.freePort();
                Process gateway = ChildGateway.start(dataDir.resolve("child-" + round + ".log"),
                        arguments(port, dify.baseUrl()));
                try {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                            .until(() -> ChildGateway.client(port).get("/actuator/health", ADMIN, 200) != null);
                    if (tenant == null) {
                        tenant = ChildGateway.client(port).onboard(1_000_000);
                    }
                    int before = answered.size();
                    Disposable load = load(port, tenant.key(), answered);
                    // killed mid-flight once this round has answered some calls: others are in flight then
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> answered.size() >= before + ANSWERED_PER_ROUND);
                    gateway.destroyForcibly().waitFor();
                    load.dispose();
                } finally {
                    gateway.destroyForcibly().waitFor();
                }
            }
            assertThat(answered).as("calls answered across the rounds").hasSizeGreaterThan(RESTARTS);

            int port = ChildGateway.freePort();
            try (ConfigurableApplicationContext last = SpringApplication.run(GatewayApplication.class,
                    arguments(port, dify.baseUrl()))) {
                JdbcTemplate jdbc = last.getBean(JdbcTemplate.class);
                String account = tenant.accountId();
                GatewayTestSupport gateway = ChildGateway.client(port);
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    var balance = gateway.get("/api/accounts/" + account + "/balance", ADMIN, 200);
                    assertThat(balance.get("reserved").asLong()).as("no reservation left open").isZero();
                    assertThat(balance.get("balance").asLong()).isEqualTo(EventStoreFacts.balance(jdbc, account));
                });
                List<String> debited = jdbc.queryForList("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'callId' FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE '%.TokensDebitedEvent'""", String.class,
                        account);
                assertThat(debited).as("every answered call has its debit").containsAll(answered);
                assertThat(debited).as("no call debited twice").doesNotHaveDuplicates();
            }
        } finally {
            dify.close();
        }
    }

    private static Disposable load(int port, String key, Set<String> answered) {
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        return Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> client.post().uri("/v1/chat-messages")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(GatewayTestSupport.chatBody("load " + i))
                        .exchangeToMono(r -> r.releaseBody().then(Mono.fromRunnable(() -> {
                            if (r.statusCode().value() == 200) {
                                answered.add(r.headers().asHttpHeaders().getFirst("X-Sigmacode-Call-Id"));
                            }
                        })))
                        .onErrorResume(e -> Mono.empty()), CONCURRENCY)
                .subscribe();
    }
}
