package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.security.ApiKeys;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.Role;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** Checks the gateway key with Dify's own rules and messages, so a Dify client sees the errors it knows. */
@Component
class AuthenticationFilter implements WebFilter, Ordered {

    private final KeyDirectory keys;

    AuthenticationFilter(KeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.strip().indexOf(' ') < 0) {
            return unauthorized(exchange, "Authorization header must be provided and start with 'Bearer'");
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("bearer")) {
            return unauthorized(exchange, "Authorization scheme must be 'Bearer'");
        }
        return keys.find(ApiKeys.hash(parts[1].strip()))
                .map(found -> found.map(Lookup::found).orElse(Lookup.UNKNOWN))
                .onErrorReturn(Lookup.FAILED)
                .flatMap(lookup -> {
                    if (lookup == Lookup.FAILED) {
                        return DifyErrors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                                "The gateway could not check the key. Please try again.");
                    }
                    if (lookup.principal() == null || !lookup.principal().usableAt(Instant.now())) {
                        return unauthorized(exchange, "Access token is invalid");
                    }
                    if (!lookup.principal().roles().contains(Role.DEVELOPER)) {
                        return DifyErrors.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "This key has no developer role and may not call the proxied API.");
                    }
                    ProxyCall.of(exchange).principal(lookup.principal());
                    return chain.filter(exchange);
                });
    }

    /** An unknown key and a directory that did not answer are different failures: 401 versus 503. */
    private record Lookup(ApiKeyPrincipal principal) {
        static final Lookup UNKNOWN = new Lookup(null);
        static final Lookup FAILED = new Lookup(null);

        static Lookup found(ApiKeyPrincipal principal) {
            return new Lookup(principal);
        }
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String message) {
        return DifyErrors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.AUTHENTICATION;
    }
}
