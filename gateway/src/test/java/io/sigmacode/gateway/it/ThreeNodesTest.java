package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three gateway nodes on one PostgreSQL, calls spread over them round-robin. Each node caches the account, so a node
 * often decides on a stale copy; the append then conflicts, the copy is dropped and the command retried. The
 * invariant the product sells must hold across nodes, and a key revoked on one node must stop on the others within
 * a second.
 */
class ThreeNodesTest {

    /** 1 flat fee + 4000 reserved LLM tokens at 2 per 1,000. */
    private static final long RESERVATION = 9;

    private static EmbeddedPostgres postgres;
    private static DifyStandIn dify;
    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();

    @BeforeAll
    static void startNodes() throws Exception {
        Path dir = Files.createTempDirectory("sigmacode-nodes");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
        dify = DifyStandIn.builder().usage(3000, 1000).answer("Hello.").build().start();
        dify.setLatency(Duration.ofMillis(100));
        for (int i = 0; i < 3; i++) {
            NODES.add(SpringApplication.run(GatewayApplication.class, "--server.port=0",
                    "--server.shutdown=immediate", "--sigmacode.data-dir=" + dir, "--sigmacode.admin-token=" + ADMIN,
                    "--sigmacode.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "--sigmacode.dify.base-url=" + dify.baseUrl(),
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    // three nodes in one JVM on two cores pause each other; takeover speed is NodeKilledUnderLoadTest's
                    "--sigmacode.node.claim-timeout=6s", "--sigmacode.node.claim-every=1s"));
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        NODES.forEach(ConfigurableApplicationContext::close);
        dify.close();
        postgres.close();
    }

    private static String baseUrl(int node) {
        return "http://127.0.0.1:" + NODES.get(node).getEnvironment().getProperty("local.server.port");
    }

    private static GatewayTestSupport node(int node) {
        return new GatewayTestSupport(WebTestClient.bindToServer().baseUrl(baseUrl(node))
                .responseTimeout(Duration.ofSeconds(30)).build(), NODES.get(node).getBean(JdbcTemplate.class));
    }

    @Test
    void hundredCallsOverThreeNodesOnAnAccountForFiftyForwardExactlyFifty() {
        var tenant = node(0).onboard(50 * RESERVATION);
        dify.clear();
        List<WebClient> clients = List.of(WebClient.create(baseUrl(0)), WebClient.create(baseUrl(1)),
                WebClient.create(baseUrl(2)));

        List<Integer> statuses = Flux.range(0, 100)
                .flatMap(i -> clients.get(i % 3).post().uri("/v1/chat-messages")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(GatewayTestSupport.chatBody("question " + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 100)
                .collectList()
                .block(Duration.ofSeconds(120));

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus).containsEntry(200, 50L).containsEntry(402, 50L);
        assertThat(dify.requestCount()).isEqualTo(50);
        JdbcTemplate jdbc = NODES.get(0).getBean(JdbcTemplate.class);
        long debits = EventStoreFacts.tokens(jdbc, tenant.accountId(), "TokensDebitedEvent");
        assertThat(debits).isEqualTo(50 * RESERVATION);
        await().untilAsserted(() -> {
            var balance = node(1).get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
            assertThat(balance.get("balance").asLong()).isZero();
            assertThat(balance.get("reserved").asLong()).isZero();
        });
    }

    @Test
    void aGrantOnOneNodeRightAfterCallsOnAnotherSucceeds() {
        var tenant = node(0).onboard(100);
        node(1).chat(tenant.key(), GatewayTestSupport.chatBody("hello")).expectStatus().isOk();
        node(0).post("/api/accounts/" + tenant.accountId() + "/grants", ADMIN,
                Map.of("tokens", 10, "reason", "top-up"), 201);
        node(2).chat(tenant.key(), GatewayTestSupport.chatBody("hello")).expectStatus().isOk();
    }

    @Test
    void aKeyRevokedOnOneNodeStopsOnEveryNodeWithinASecond() {
        var tenant = node(0).onboard(100);
        var issued = node(0).post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name", "ci",
                "appId", tenant.appId(), "roles", List.of("developer")), 201);
        String key = issued.get("key").asText();
        String keyId = issued.get("keyId").asText();
        for (int i = 0; i < 3; i++) {
            node(i).chat(key, GatewayTestSupport.chatBody("warm the key cache")).expectStatus().isOk();
        }
        WebTestClient.bindToServer().baseUrl(baseUrl(0)).build().delete()
                .uri("/api/tenants/" + tenant.tenantId() + "/api-keys/" + keyId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange().expectStatus().isNoContent();

        // the other nodes' key caches hold a key for 1 s; the margin is for the requests themselves
        await().atMost(Duration.ofMillis(1_500)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                node(i).chat(key, GatewayTestSupport.chatBody("after revocation")).expectStatus().isUnauthorized();
            }
        });
    }

    @Test
    void aPolicyPublishedOnOneNodeDecidesOnEveryNodeWithinASecond() {
        var tenant = node(0).onboard(100);
        for (int i = 0; i < 3; i++) {
            node(i).chat(tenant.key(), GatewayTestSupport.chatBody("project kestrel, warm the policy cache"))
                    .expectStatus().isOk();
        }
        ObjectNode document = node(0).get("/api/tenants/" + tenant.tenantId() + "/firewall-policy", ADMIN, 200)
                .get("document").deepCopy();
        document.set("customRules", new ObjectMapper().valueToTree(Map.of(
                "phrases", List.of(Map.of("id", "codename", "phrases", List.of("project kestrel"), "action", "BLOCK")),
                "regexes", List.of(), "topics", List.of())));
        WebTestClient.bindToServer().baseUrl(baseUrl(0)).build().put()
                .uri("/api/tenants/" + tenant.tenantId() + "/firewall-policy")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document.toString()).exchange().expectStatus().isOk();

        // the other nodes' policy caches hold a policy for 1 s; the margin is for the requests themselves
        await().atMost(Duration.ofMillis(1_500)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                node(i).chat(tenant.key(), GatewayTestSupport.chatBody("and now project kestrel"))
                        .expectStatus().isForbidden();
            }
        });
    }
}
