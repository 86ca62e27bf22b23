package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.gateway.GatewayApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.assertDifyError;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway whose Dify is down: the call costs nothing and the client is told so in Dify's envelope. This gateway
 * also runs on an external PostgreSQL given by {@code spring.datasource.url} (a separately started server), which
 * proves the production configuration path: no embedded database of its own, Flyway migrating someone else's server.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class UnreachableDifyTest {

    /** Stopped by its own shutdown hook, after this class's context is closed ({@link DirtiesContext}). */
    private static EmbeddedPostgres externalPostgres;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        externalPostgres = EmbeddedPostgres.builder().start();
        registry.add("spring.datasource.url", () -> externalPostgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("sigmacode.dify.base-url", () -> "http://127.0.0.1:" + closedPort + "/v1");
        registry.add("sigmacode.data-dir", Files.createTempDirectory("sigmacode-down")::toString);
        registry.add("sigmacode.admin-token", () -> ADMIN);
        registry.add("sigmacode.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("server.shutdown", () -> "immediate");
    }

    @Test
    void theGatewayUsesTheConfiguredDatabaseAndStartsNoEmbeddedOne() {
        assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success", Long.class))
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void unreachableDifyGets502AndTheReservationIsReleased() {
        var gateway = new GatewayTestSupport(http, jdbc);
        var tenant = gateway.onboard(100);

        JsonNode body = read(gateway.chat(tenant.key(), chatBody("hello"))
                .expectStatus().isEqualTo(502)
                .expectHeader().exists("X-Sigmacode-Call-Id")
                .expectBody().returnResult().getResponseBodyContent());

        assertDifyError(body, 502, "upstream_unavailable");
        assertThat(gateway.eventTypes(tenant.accountId())).endsWith("ReservationReleasedEvent", "CallFailedEvent")
                .doesNotContain("TokensDebitedEvent");
        await().untilAsserted(() -> {
            JsonNode balance = gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
            assertThat(balance.get("balance").asLong()).isEqualTo(100);
            assertThat(balance.get("reserved").asLong()).isZero();
        });
    }
}
