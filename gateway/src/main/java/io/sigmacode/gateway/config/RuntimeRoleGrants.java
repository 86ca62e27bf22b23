package io.sigmacode.gateway.config;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Names the runtime role to the migrations' {@code afterMigrate__runtime_role.sql}: with an external database the
 * role of {@code SPRING_DATASOURCE_USERNAME}. It travels as a session setting ({@code sigmacode.runtime_role}, set
 * on each of Flyway's connections) rather than a Flyway placeholder, so that any other Flyway run over the same
 * scripts (a test, a tool) needs no extra configuration: unset, nothing is granted. When Flyway runs as that same
 * role (no {@code SPRING_FLYWAY_USER}), the grants are skipped too: one role does both.
 */
@Configuration(proxyBeanMethods = false)
class RuntimeRoleGrants {

    static final String SETTING = "sigmacode.runtime_role";

    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isBlank()")
    FlywayConfigurationCustomizer externalRuntimeRole(@Value("${spring.datasource.username:}") String runtimeRole) {
        return configuration -> name(configuration, runtimeRole);
    }

    /** The name goes into a string literal, quotes doubled, so any role name is safe. */
    static void name(FluentConfiguration configuration, String runtimeRole) {
        if (runtimeRole == null || runtimeRole.isBlank()) {
            return;
        }
        String set = "SET " + SETTING + " = '" + runtimeRole.replace("'", "''") + "'";
        String existing = configuration.getInitSql();
        configuration.initSql(existing == null || existing.isBlank() ? set : existing + ";\n" + set);
    }
}
