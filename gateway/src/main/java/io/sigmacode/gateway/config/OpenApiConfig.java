package io.sigmacode.gateway.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Sigmacode Gateway management API")
                .version("v1")
                .description("Tenants, apps, keys, balances, usage, call timelines, firewall policies. The proxied "
                        + "Dify service API under /v1 is Dify's own and is described in docs/api.md."));
    }
}
