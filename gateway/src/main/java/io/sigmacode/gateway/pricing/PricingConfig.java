package io.sigmacode.gateway.pricing;

import io.sigmacode.command.pricing.PriceBook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PricingConfig {

    @Bean
    PriceBook priceBook() {
        return PriceBook.initial();
    }
}
