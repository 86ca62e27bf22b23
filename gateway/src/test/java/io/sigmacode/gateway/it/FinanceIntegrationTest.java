package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;

/**
 * One gateway with a Stripe webhook secret in front of one Dify stand-in, shared by the finance test classes that
 * extend this (Spring caches the context). The price book is the platform's: a test that needs particular prices
 * publishes them, and a test that buys packages names price book version 1 in the session.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FinanceIntegrationTest {

    static final String SECRET = "whsec_finance";
    /** 1,033 + 128 LLM tokens per call. */
    static final DifyStandIn DIFY = DifyStandIn.builder().usage(1033, 128).answer("Hello.").build().start();
    private static final Path DATA = dataDir();

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    GatewayTestSupport gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sigmacode.dify.base-url", DIFY::baseUrl);
        registry.add("sigmacode.data-dir", DATA::toString);
        registry.add("sigmacode.admin-token", () -> ADMIN);
        registry.add("sigmacode.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("server.shutdown", () -> "immediate");
        registry.add("stripe.webhook-secret", () -> SECRET);
    }

    @BeforeEach
    void setUpFinance() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        gateway = new GatewayTestSupport(http, jdbc);
        DIFY.setLatency(Duration.ZERO);
    }

    JsonNode webhook(String event) {
        return read(http.post().uri("/api/billing/stripe/webhook")
                .header("Stripe-Signature", StripeEvents.signature(event, Instant.now(), SECRET))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(event).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent());
    }

    String csv(String path) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .accept(MediaType.parseMediaType("text/csv")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The payloads of one event type on a stream, in order, as stored. */
    List<JsonNode> payloads(String aggregateId, String type) {
        return jdbc.queryForList("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number""",
                String.class, aggregateId, "%." + type).stream().map(json -> read(json.getBytes())).toList();
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("sigmacode-finance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
