package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.security.ApiKeys;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** Checks the gateway key with Dify's own rules and messages, so a Dify client sees the errors it knows. */
@Component
class AuthenticationFilter extends ProxyFilter {

    private final KeyDirectory keys;

    AuthenticationFilter(KeyDirectory keys) {
        super(ProxyFilterOrder.AUTHENTICATION);
        this.keys = keys;
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.strip().indexOf(' ') < 0) {
            return ProxyRefusal.AUTHORIZATION_MISSING.write(exchange);
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("bearer")) {
            return ProxyRefusal.AUTHORIZATION_NOT_BEARER.write(exchange);
        }
        return keys.find(ApiKeys.hash(parts[1].strip()))
                .map(found -> found.map(Lookup::found).orElse(Lookup.UNKNOWN))
                .onErrorReturn(Lookup.FAILED)
                .flatMap(lookup -> {
                    if (lookup == Lookup.FAILED) {
                        return ProxyRefusal.KEY_CHECK_FAILED.write(exchange);
                    }
                    if (lookup.principal() == null || !lookup.principal().usableAt(Instant.now())) {
                        return ProxyRefusal.KEY_INVALID.write(exchange);
                    }
                    if (!lookup.principal().roles().contains(Role.DEVELOPER)) {
                        return ProxyRefusal.KEY_NOT_DEVELOPER.write(exchange);
                    }
                    call.principal(lookup.principal());
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
}
