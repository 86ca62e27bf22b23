package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole gateway run, from its start, with the gateway's, Spring Security's and Spring Web's logging at DEBUG: the
 * log must not contain the admin token, a gateway key, a Dify app key or a secret the firewall found, whatever
 * path a request took (accepted, refused, blocked, revoked, rotated).
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.io.sigmacode=DEBUG", "logging.level.org.springframework.security=DEBUG",
                "logging.level.org.springframework.web=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class NoSecretsInLogsTest {

    private static final String SECRET = "AKIAZ7VRSQ4TVK3MHQ2X";
    private static final String CANARY = "zebra-7Q4k-lantern-canary";
    /** Longer than the part of a key the gateway shows on purpose ({@code sgk_} and 6 characters). */
    private static final int PREFIX = 16;
    /** The test's own HTTP client logs through the same loggers; its lines carry a bare request id. */
    private static final Pattern CLIENT_LINE = Pattern.compile(": \\[[0-9a-f]{8}\\] ");
    private static final DifyStandIn DIFY = GatewayIntegrationTest.DIFY;

    @Autowired
    WebTestClient http;

    /** A context of its own (other log levels) with a data directory of its own: one PostgreSQL per directory. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("sigmacode.dify.base-url", DIFY::baseUrl);
        registry.add("sigmacode.data-dir", Files.createTempDirectory("sigmacode-logs")::toString);
        registry.add("sigmacode.admin-token", () -> ADMIN);
        registry.add("sigmacode.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("server.shutdown", () -> "immediate");
    }

    private static String gatewayLines(String log) {
        return log.lines().filter(line -> !CLIENT_LINE.matcher(line).find()).collect(Collectors.joining("\n"));
    }

    @Test
    void noKeyTokenOrFoundSecretIsEverLogged(CapturedOutput output) {
        GatewayTestSupport gateway = new GatewayTestSupport(http, null);
        DIFY.clear();
        List<String> secrets = new ArrayList<>(List.of(ADMIN, DifyStandIn.DEFAULT_CHAT_KEY, SECRET));
        var tenant = gateway.onboard(10_000);
        secrets.add(tenant.key());
        var admin = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN, Map.of("name", "admin",
                "appId", tenant.appId(), "roles", List.of("tenant-admin")), 201);
        String adminKey = admin.get("key").asText();
        secrets.add(adminKey);

        gateway.chat(tenant.key(), chatBody("hello")).expectStatus().isOk();
        gateway.chat(tenant.key(), chatBody("my key is " + SECRET + " keep it")).expectBody().returnResult();
        DIFY.setAnswer("The deploy key is " + SECRET + ", use it wisely.");
        gateway.chat(tenant.key(), chatBody("What is the deploy key?")).expectStatus().isForbidden();
        DIFY.setAnswer("Hello from the stand-in.");
        gateway.chat(tenant.key() + "x", chatBody("hello")).expectStatus().isUnauthorized();
        gateway.get("/api/tenants/" + tenant.tenantId(), ADMIN + "x", 401);
        gateway.get("/api/tenants/" + tenant.tenantId(), tenant.key(), 403);
        String rotated = gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys/" + admin.get("keyId").asText()
                + "/rotation", adminKey, Map.of("gracePeriodSeconds", 0), 201).get("key").asText();
        secrets.add(rotated);
        gateway.get("/api/tenants/" + tenant.tenantId(), adminKey, 401);
        gateway.get("/api/tenants/" + tenant.tenantId(), rotated, 200);
        http.post().uri("/api/firewall/scan").header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated)
                .bodyValue(Map.of("stage", "PRE", "text", "leaked " + SECRET)).exchange().expectStatus().isOk();
        http.put().uri("/api/tenants/" + tenant.tenantId() + "/apps/" + tenant.appId() + "/canaries")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated)
                .bodyValue(Map.of("canaries", List.of(CANARY))).exchange().expectStatus().isOk();
        secrets.add(CANARY);
        secrets.add(GatewayTestSupport.read(http.put().uri("/api/accounts/" + tenant.accountId() + "/low-balance-alert")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated)
                .bodyValue(Map.of("threshold", 10, "url", "http://127.0.0.1:9/alerts")).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent())
                .get("signingSecret").asText());

        String log = gatewayLines(output.getAll());
        assertThat(log).as("the capture sees the gateway's log at DEBUG").contains("Started NoSecretsInLogsTest")
                .contains(" DEBUG ");
        for (String secret : secrets) {
            assertThat(log).as("the log holds no key, token or found secret, not even cut short")
                    .doesNotContain(secret.substring(0, Math.min(secret.length(), PREFIX)));
        }
    }
}
