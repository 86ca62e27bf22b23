package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway killed with SIGKILL leaves its embedded PostgreSQL running; the next start stops it and starts on the
 * same data, and a normal stop leaves no PostgreSQL behind.
 */
class CrashRestartTest {

    @TempDir
    Path dataDir;

    private String[] arguments(int port) {
        return new String[] {"--server.port=" + port, "--server.shutdown=immediate", "--sigmacode.data-dir=" + dataDir,
                "--sigmacode.admin-token=" + ADMIN, "--sigmacode.dify.base-url=http://127.0.0.1:9/v1"};
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
    }

    @Test
    void theNextStartRecoversFromAKilledGatewaysPostgres() throws Exception {
        int port = ChildGateway.freePort();
        Process crashed = ChildGateway.start(dataDir.resolve("child.log"), arguments(port));
        String tenantId;
        long orphan;
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> ChildGateway.client(port).get("/actuator/health", ADMIN, 200) != null);
            tenantId = ChildGateway.client(port).post("/api/tenants", ADMIN, Map.of("name", "Survivor"), 201)
                    .get("tenantId")
                    .asText();
            orphan = postmasterPid();
        } finally {
            crashed.destroyForcibly().waitFor();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("PostgreSQL outlives kill -9")
                .hasValue(true);

        int next = ChildGateway.freePort();
        long restarted;
        try (ConfigurableApplicationContext ignored = SpringApplication.run(GatewayApplication.class,
                arguments(next))) {
            assertThat(ChildGateway.client(next).get("/api/tenants/" + tenantId, ADMIN, 200).get("name").asText())
                    .isEqualTo("Survivor");
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
            restarted = postmasterPid();
        }

        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
        // pg_ctl returns once the pid file is gone; the process itself ends a moment later.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(restarted).filter(ProcessHandle::isAlive).isEmpty());
    }
}
