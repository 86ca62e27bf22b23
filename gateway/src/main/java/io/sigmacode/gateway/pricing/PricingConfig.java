package io.sigmacode.gateway.pricing;

import io.sigmacode.command.pricing.PriceBook;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

@Configuration(proxyBeanMethods = false)
class PricingConfig {

    /**
     * A prototype: Axon resolves a handler's {@code PriceBook} parameter from the bean factory on every command,
     * so each command gets the version {@link PriceBooks#pricesForCurrentCommand()} chooses for it.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    PriceBook priceBook(PriceBooks books) {
        return books.pricesForCurrentCommand();
    }
}
