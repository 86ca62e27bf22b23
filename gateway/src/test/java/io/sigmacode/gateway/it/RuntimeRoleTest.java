package io.sigmacode.gateway.it;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL has two roles: the gateway serves as one that is no superuser and may only read and
 * append the event log; the owner keeps the append-only trigger; nobody connects without the generated password.
 */
class RuntimeRoleTest extends GatewayIntegrationTest {

    @Test
    void theGatewayServesAsARoleThatIsNoSuperuser() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("sigmacode_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
                .isFalse();
    }

    @Test
    void theRuntimeRoleCannotUpdateDeleteOrTruncateTheEventTable() {
        gateway.onboard(10);

        for (String statement : new String[]{
                "UPDATE domain_event_entry SET payload_type = payload_type",
                "DELETE FROM domain_event_entry",
                "TRUNCATE domain_event_entry"}) {
            assertThatThrownBy(() -> jdbc.execute(statement)).as(statement)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("permission denied for table domain_event_entry");
        }
        assertThat(jdbc.queryForObject("""
                SELECT has_table_privilege('domain_event_entry', 'INSERT')
                   AND has_table_privilege('domain_event_entry', 'SELECT')""", Boolean.class)).isTrue();
    }

    @Test
    void theOwnerIsStillStoppedByTheAppendOnlyTrigger() {
        gateway.onboard(10);

        assertThatThrownBy(() -> ownerJdbc().execute("UPDATE domain_event_entry SET payload_type = payload_type"))
                .hasMessageContaining("domain_event_entry is append-only");
    }

    @Test
    void theRuntimeRoleCannotChangeTheSchema() {
        assertThatThrownBy(() -> jdbc.execute("ALTER TABLE tenant_view ADD COLUMN smuggled TEXT"))
                .rootCause().hasMessageContaining("must be owner");
        assertThatThrownBy(() -> jdbc.execute("DROP TRIGGER domain_event_entry_append_only ON domain_event_entry"))
                .rootCause().hasMessageContaining("must be owner");
    }

    @Test
    void noRoleConnectsWithoutThePasswordAndThePasswordsAreKeptPrivate() throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        for (String role : new String[]{"postgres", "sigmacode_app"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, role, "")).as(role)
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, role, "guess")).as(role)
                    .isInstanceOf(SQLException.class);
        }
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(DATA.resolve("postgres-credentials.properties")))).isEqualTo("rw-------");
    }
}
