package io.sigmacode.gateway.proxy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

@Configuration(proxyBeanMethods = false)
class ProxyRoutes {

    @Bean
    RouterFunction<ServerResponse> proxyRouter(ChatMessagesHandler chat) {
        return route(POST("/v1/chat-messages"), chat::handle)
                .andRoute(POST("/v1/chat-messages/"), chat::handle);
    }
}
