package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The default run mode keeps its embedded PostgreSQL data under SIGMACODE_DATA_DIR across restarts. */
class EmbeddedRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(GatewayApplication.class, "--server.port=0", "--server.shutdown=immediate",
                "--sigmacode.data-dir=" + dataDir, "--sigmacode.admin-token=" + ADMIN,
                "--sigmacode.dify.base-url=http://127.0.0.1:9/v1");
    }

    private static GatewayTestSupport client(ConfigurableApplicationContext context) {
        WebTestClient http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")).build();
        return new GatewayTestSupport(http, null);
    }

    @Test
    void aTenantCreatedBeforeARestartIsStillThereAfterIt() {
        String tenantId;
        try (var first = start()) {
            tenantId = client(first).post("/api/tenants", ADMIN, Map.of("name", "Durable"), 201)
                    .get("tenantId").asText();
        }

        try (var second = start()) {
            var tenant = client(second).get("/api/tenants/" + tenantId, ADMIN, 200);
            assertThat(tenant.get("name").asText()).isEqualTo("Durable");
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
    }
}
