package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.proxy.pipeline.ProxyCall;
import io.sigmacode.gateway.proxy.pipeline.ProxyRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The one {@code /v1} route. Which Dify endpoint a call is, and whether the gateway serves it at all, the pipeline
 * has decided by then ({@code RouteFilter}); here it only goes to the handler for its kind.
 */
@Configuration(proxyBeanMethods = false)
class ProxyRoutes {

    @Bean
    RouterFunction<ServerResponse> proxyRouter(GenerationHandler generation, PassThroughHandler passThrough) {
        return RouterFunctions.route(path("/v1/**"), request -> {
            ProxyRoute route = ProxyCall.of(request.exchange()).route();
            return route.kind() == ProxyRoute.Kind.GENERATION
                    ? generation.handle(request) : passThrough.handle(request);
        });
    }
}
