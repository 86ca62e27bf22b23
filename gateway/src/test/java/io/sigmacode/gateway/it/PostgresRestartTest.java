package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped under load and started again: calls meanwhile get 503 in Dify's envelope, nothing is
 * half-written, and the gateway heals by itself — calls succeed again and the books balance, with no reservation
 * left open once recovery has run.
 */
class PostgresRestartTest {

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void callsFailWith503WhileThePostgresIsDownAndSucceedOnceItIsBack() throws Exception {
        int port = freePort();
        DifyStandIn dify = DifyStandIn.builder().usage(1033, 128).answer("Hello.").build().start();
        EmbeddedPostgres postgres = postgres(port);
        try (ConfigurableApplicationContext gatewayContext = SpringApplication.run(GatewayApplication.class,
                "--server.port=0", "--server.shutdown=immediate", "--sigmacode.data-dir=" + dir,
                "--sigmacode.admin-token=" + ADMIN,
                "--sigmacode.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--sigmacode.dify.base-url=" + dify.baseUrl(),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.hikari.connection-timeout=1000",
                "--sigmacode.billing.command-timeout=2s", "--sigmacode.billing.recover-after=2s",
                "--sigmacode.billing.recovery-interval=1s")) {
            WebTestClient http = WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30))
                    .baseUrl("http://127.0.0.1:" + gatewayContext.getEnvironment().getProperty("local.server.port"))
                    .build();
            JdbcTemplate jdbc = gatewayContext.getBean(JdbcTemplate.class);
            var gateway = new GatewayTestSupport(http, jdbc);
            var tenant = gateway.onboard(10_000);
            for (int i = 0; i < 5; i++) {
                gateway.chat(tenant.key(), chatBody("before " + i)).expectStatus().isOk();
            }

            postgres.close();
            List<Integer> whileDown = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                var result = gateway.chat(tenant.key(), chatBody("while down " + i)).expectBody().returnResult();
                whileDown.add(result.getStatus().value());
                JsonNode body = read(result.getResponseBodyContent());
                assertThat(body.has("code") && body.has("message") && body.has("status")).as("Dify's envelope")
                        .isTrue();
            }
            assertThat(whileDown).containsOnly(503);

            postgres = postgres(port);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    gateway.chat(tenant.key(), chatBody("after")).expectBody().returnResult().getStatus().value()
                            == 200);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                var balance = gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
                assertThat(balance.get("balance").asLong())
                        .isEqualTo(EventStoreFacts.balance(jdbc, tenant.accountId()));
                assertThat(balance.get("reserved").asLong()).isZero();
            });
        } finally {
            postgres.close();
            dify.close();
        }
    }
}
