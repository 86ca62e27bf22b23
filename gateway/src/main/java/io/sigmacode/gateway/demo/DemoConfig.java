package io.sigmacode.gateway.demo;

import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.standin.DifyStandIn;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo: a Dify stand-in in this process and a tenant ready to call it. Only with the flag, never otherwise. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoConfig.FLAG, havingValue = "true")
class DemoConfig {

    static final String FLAG = "sigmacode.demo";

    @Bean(destroyMethod = "close")
    DifyStandIn demoDify(Environment environment) {
        int port = environment.getRequiredProperty(DemoEnvironment.PORT_PROPERTY, Integer.class);
        // No journal: a demo left running must not keep every request body in memory.
        return DifyStandIn.builder().host("127.0.0.1").port(port).journalEntries(false).build().start();
    }

    @Bean
    DemoOnboarding demoOnboarding(Bus bus, SecretBox secrets, DifyStandIn demoDify) {
        return new DemoOnboarding(bus, secrets, demoDify);
    }
}
