package io.sigmacode.gateway.demo;

import io.sigmacode.gateway.GatewayApplication;
import io.sigmacode.standin.DifyStandIn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the flag nothing fake starts and the configured Dify stays the upstream. */
class NoDemoTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
            .withUserConfiguration(DemoConfig.class);

    @Test
    void withoutTheFlagNoStandInIsCreated() {
        context.run(started -> assertThat(started).doesNotHaveBean(DifyStandIn.class)
                .doesNotHaveBean(DemoOnboarding.class));
        context.withPropertyValues("sigmacode.demo=false").run(started -> assertThat(started)
                .doesNotHaveBean(DifyStandIn.class).doesNotHaveBean(DemoOnboarding.class));
    }

    @Test
    void withoutTheFlagTheDifyBaseUrlIsLeftAlone() {
        for (String flag : new String[] {null, "false", "yes"}) {
            StandardEnvironment environment = new StandardEnvironment();
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment,
                    "sigmacode.dify.base-url=http://dify.example/v1");
            if (flag != null) {
                TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "sigmacode.demo=" + flag);
            }
            new DemoEnvironment().postProcessEnvironment(environment, new SpringApplication(GatewayApplication.class));
            assertThat(environment.getProperty("sigmacode.dify.base-url")).isEqualTo("http://dify.example/v1");
            assertThat(environment.containsProperty(DemoEnvironment.PORT_PROPERTY)).isFalse();
        }
    }

    @Test
    void withTheFlagTheBaseUrlPointsAtALocalPort() {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment,
                "sigmacode.dify.base-url=http://dify.example/v1", "sigmacode.demo=true");
        new DemoEnvironment().postProcessEnvironment(environment, new SpringApplication(GatewayApplication.class));
        int port = environment.getRequiredProperty(DemoEnvironment.PORT_PROPERTY, Integer.class);
        assertThat(environment.getProperty("sigmacode.dify.base-url")).isEqualTo("http://127.0.0.1:" + port + "/v1");
    }
}
