package io.sigmacode.gateway.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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
 * Its data directory survives restarts.
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

    /** Spring closes it after everything that uses the data source, so Axon never loses its database mid-shutdown. */
    @Bean(destroyMethod = "close")
    @DependsOn("stalePostmaster")
    EmbeddedPostgres embeddedPostgres(SigmacodeProperties properties) throws IOException {
        Path dir = postgresDir(properties);
        Files.createDirectories(dir.getParent());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                // The library is made for tests and starts PostgreSQL without durability; these are invoices.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    private static Path postgresDir(SigmacodeProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("sigmacode-embedded");
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true"); // as application.yml sets it for others
        return dataSource;
    }
}
