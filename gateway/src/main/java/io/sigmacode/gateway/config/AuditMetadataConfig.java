package io.sigmacode.gateway.config;

import io.sigmacode.gateway.support.Actor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Events applied for a command carry the command's actor and request id, so an admin action says who did it. */
@Configuration(proxyBeanMethods = false)
class AuditMetadataConfig {

    @Bean
    CorrelationDataProvider actorAndRequest() {
        return new SimpleCorrelationDataProvider(Actor.ACTOR, Actor.REQUEST_ID);
    }
}
