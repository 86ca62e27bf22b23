package io.sigmacode.gateway.config;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/**
 * Names the runtime role to the migrations ({@code ${runtime_role}} in {@code afterMigrate__runtime_role.sql}):
 * with an external database the role of {@code SPRING_DATASOURCE_USERNAME}. When Flyway runs as that same role
 * (no {@code SPRING_FLYWAY_USER}), the grants are skipped: one role does both.
 */
@Configuration(proxyBeanMethods = false)
class RuntimeRoleGrants {

    static final String PLACEHOLDER = "runtime_role";

    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isBlank()")
    FlywayConfigurationCustomizer externalRuntimeRole(@Value("${spring.datasource.username:}") String runtimeRole) {
        return configuration -> name(configuration, runtimeRole);
    }

    static void name(FluentConfiguration configuration, String runtimeRole) {
        Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put(PLACEHOLDER, runtimeRole);
        configuration.placeholders(placeholders);
    }
}
