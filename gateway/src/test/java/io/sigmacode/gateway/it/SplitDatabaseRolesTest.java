package io.sigmacode.gateway.it;

import io.sigmacode.gateway.GatewayApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external PostgreSQL with two roles, as docs/operations.md sets it up: {@code SPRING_FLYWAY_USER} owns the
 * schema and migrates; {@code SPRING_DATASOURCE_USERNAME} serves, and may read and append the event log only.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SplitDatabaseRolesTest {

    /** Stopped by its own shutdown hook, after this class's context is closed ({@link DirtiesContext}). */
    private static EmbeddedPostgres externalPostgres;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        externalPostgres = EmbeddedPostgres.builder().start();
        new JdbcTemplate(externalPostgres.getPostgresDatabase()).execute("CREATE ROLE gateway_app LOGIN");
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + externalPostgres.getPort()
                + "/postgres");
        registry.add("spring.datasource.username", () -> "gateway_app");
        registry.add("spring.flyway.user", () -> "postgres");
        registry.add("sigmacode.data-dir", Files.createTempDirectory("sigmacode-roles")::toString);
        registry.add("sigmacode.admin-token", () -> ADMIN);
        registry.add("sigmacode.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("server.shutdown", () -> "immediate");
    }

    @Test
    void theGatewayWorksAsTheRuntimeRoleWhichCannotRewriteTheEventLog() {
        new GatewayTestSupport(http, jdbc).post("/api/tenants", ADMIN, Map.of("name", "Split roles"), 201);

        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("gateway_app");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class)).isPositive();
        for (String statement : List.of("UPDATE domain_event_entry SET payload_type = payload_type",
                "DELETE FROM domain_event_entry", "TRUNCATE domain_event_entry")) {
            assertThatThrownBy(() -> jdbc.execute(statement)).as(statement)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("permission denied for table domain_event_entry");
        }
    }

    @Test
    void theMigrationsRanAsTheOwner() {
        assertThat(new JdbcTemplate(externalPostgres.getPostgresDatabase()).queryForList(
                "SELECT DISTINCT installed_by FROM flyway_schema_history", String.class)).containsExactly("postgres");
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'domain_event_entry'",
                String.class)).isEqualTo("postgres");
    }
}
