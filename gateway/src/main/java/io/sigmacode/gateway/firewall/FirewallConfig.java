package io.sigmacode.gateway.firewall;

import io.sigmacode.firewall.FirewallEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FirewallConfig {

    /** One engine for the proxy and for validating published policies: its scanners are built and warmed once. */
    @Bean
    FirewallEngine firewallEngine() {
        return new FirewallEngine();
    }
}
