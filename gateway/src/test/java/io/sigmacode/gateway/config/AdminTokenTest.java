package io.sigmacode.gateway.config;

import io.sigmacode.gateway.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminTokenTest {

    private static final String LONG = "0123456789abcdefghijklmnopqrstuv";

    @EnableConfigurationProperties(SigmacodeProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void aShortAdminTokenStopsTheStartWithAMessageThatDoesNotRepeatIt() {
        context.withPropertyValues("sigmacode.admin-token=change-me").run(started -> {
            assertThat(started).hasFailed();
            Throwable root = started.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).hasMessageContaining("SIGMACODE_ADMIN_TOKEN is 9 characters long")
                    .hasMessageContaining("at least 32").hasMessageNotContaining("change-me");
        });
    }

    @Test
    void aLongTokenOrNoneStarts() {
        context.withPropertyValues("sigmacode.admin-token=" + LONG).run(started -> assertThat(started)
                .hasNotFailed().getBean(SigmacodeProperties.class).extracting(SigmacodeProperties::adminToken)
                .isEqualTo(LONG));
        context.run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("sigmacode.admin-token=").run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void thirtyOneCharactersAreRefused() {
        assertThatThrownBy(() -> new SigmacodeProperties(Path.of("."), LONG.substring(1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTokenIsComparedByItsHash() {
        assertThat(ApiKeys.matches(LONG, LONG)).isTrue();
        assertThat(ApiKeys.matches(LONG + "x", LONG)).isFalse();
        assertThat(ApiKeys.matches("", LONG)).isFalse();
    }
}
