package io.sigmacode.gateway.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Without {@code SPRING_DATASOURCE_URL} the gateway brings its own PostgreSQL, so a fresh machine needs only a JDK.
 * Its data directory survives restarts. Two roles, as with an external database: the superuser owns the schema and
 * runs the migrations; the gateway connects as a runtime role with generated password (docs/operations.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
class EmbeddedPostgresConfig {

    /**
     * Frees the data directory of a PostgreSQL a killed gateway left running, before the start; destroyed after
     * {@link #embeddedPostgres}, it also stops a PostgreSQL that pg_ctl failed to stop.
     */
    @Bean(destroyMethod = "clear")
    StalePostmaster stalePostmaster(SigmacodeProperties properties) throws IOException {
        StalePostmaster stale = new StalePostmaster(postgresDir(properties), Duration.ofSeconds(30));
        stale.clear();
        return stale;
    }

    /** The two roles' passwords, generated on the first start ({@link EmbeddedCredentials}). */
    @Bean
    EmbeddedCredentials embeddedCredentials(SigmacodeProperties properties) throws IOException {
        return EmbeddedCredentials.in(credentialsFile(properties));
    }

    /**
     * Spring closes it after everything that uses the data source, so Axon never loses its database mid-shutdown.
     * Every connection must prove a password: initdb sets the owner's from a file that lives only while initdb
     * runs, and pg_hba.conf is rewritten before each start. A data directory from before passwords (no credentials
     * file yet) starts once as it was and is locked right after ({@link EmbeddedRoles}).
     */
    @Bean(destroyMethod = "close")
    @DependsOn("stalePostmaster")
    EmbeddedPostgres embeddedPostgres(SigmacodeProperties properties, EmbeddedCredentials credentials)
            throws IOException {
        Path dir = postgresDir(properties);
        Files.createDirectories(dir.getParent());
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        boolean passwordSet = fresh || EmbeddedRoles.passwordsRequired(dir);
        Path pwfile = fresh ? EmbeddedRoles.passwordFile(dir.getParent(), credentials.owner()) : null;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setConnectConfig("password", credentials.owner())
                .setDataDirectoryCustomizer(data -> {
                    if (passwordSet) {
                        EmbeddedRoles.requirePasswords(data.toPath());
                    }
                })
                .setServerConfig("max_connections", "100")
                // The library is made for tests and starts PostgreSQL without durability; these are invoices.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (pwfile != null) {
            builder.setLocaleConfig("pwfile", pwfile.toString());
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            EmbeddedRoles.ensure(jdbcUrl(postgres), credentials, dir);
            return postgres;
        } finally {
            if (pwfile != null) {
                Files.deleteIfExists(pwfile);
            }
        }
    }

    /** Migrations run as the owner; the runtime role named in the placeholder gets its grants afterwards. */
    @Bean
    FlywayConfigurationCustomizer embeddedFlywayOwner(EmbeddedPostgres postgres, EmbeddedCredentials credentials) {
        return configuration -> {
            configuration.dataSource(jdbcUrl(postgres), EmbeddedCredentials.OWNER_ROLE, credentials.owner());
            RuntimeRoleGrants.name(configuration, EmbeddedCredentials.RUNTIME_ROLE);
        };
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    private static Path credentialsFile(SigmacodeProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("postgres-credentials.properties");
    }

    private static Path postgresDir(SigmacodeProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
    }

    /** The gateway serves as the runtime role, which is no superuser and owns nothing. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedCredentials credentials) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl(postgres));
        dataSource.setUsername(EmbeddedCredentials.RUNTIME_ROLE);
        dataSource.setPassword(credentials.runtime());
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("sigmacode-embedded");
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true"); // as application.yml sets it for others
        return dataSource;
    }
}
