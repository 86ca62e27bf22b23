package io.sigmacode.gateway.proxy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

@Configuration(proxyBeanMethods = false)
class ProxyRoutes {

    /** Every metered route, with and without a trailing slash, as {@link ProxyRoute#match} accepts them. */
    @Bean
    RouterFunction<ServerResponse> proxyRouter(GenerationHandler generation) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (ProxyRoute proxied : ProxyRoute.values()) {
            routes.route(POST(proxied.path()), generation::handle)
                    .route(POST(proxied.path() + "/"), generation::handle);
        }
        return routes.build();
    }
}
