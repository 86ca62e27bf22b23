package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * One gateway on embedded PostgreSQL in front of one Dify stand-in, shared by every test class that extends this
 * (Spring caches the context). Each test onboards its own tenant, so tests never see each other's money.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class GatewayIntegrationTest {

    static final DifyStandIn DIFY = DifyStandIn.builder().usage(1033, 128).answer("Hello from the stand-in.").build()
            .start();
    static final Path DATA = dataDir();

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedPostgres postgres;

    GatewayTestSupport gateway;

    /** The schema owner (the embedded superuser), for what the gateway's own runtime role may not do. */
    JdbcTemplate ownerJdbc() {
        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(DATA.resolve("postgres-credentials.properties"))) {
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JdbcTemplate(postgres.getDatabase("postgres", "postgres",
                Map.of("password", credentials.getProperty("postgres"))));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sigmacode.dify.base-url", DIFY::baseUrl);
        registry.add("sigmacode.dify.response-timeout", () -> "3s");
        registry.add("sigmacode.data-dir", DATA::toString);
        registry.add("sigmacode.admin-token", () -> GatewayTestSupport.ADMIN);
        registry.add("sigmacode.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("server.shutdown", () -> "immediate");
        registry.add("sigmacode.billing.recover-after", () -> "6s");
        registry.add("sigmacode.billing.recovery-interval", () -> "1s");
    }

    @BeforeEach
    void resetStandIn() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        gateway = new GatewayTestSupport(http, jdbc);
        DIFY.clearFaults();
        DIFY.clear();
        DIFY.setLatency(Duration.ZERO);
        DIFY.setUsage(1033, 128);
        DIFY.setAnswer("Hello from the stand-in.");
        DIFY.setRetrievedPassage(null);
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("sigmacode-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
