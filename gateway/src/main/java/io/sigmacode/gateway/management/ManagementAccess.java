package io.sigmacode.gateway.management;

import io.sigmacode.gateway.config.SigmacodeProperties;
import io.sigmacode.gateway.security.ApiKeys;
import io.sigmacode.gateway.support.Actor;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.FindApiKeyQuery;
import io.sigmacode.kernel.tenant.FindTenantByAccountQuery;
import io.sigmacode.kernel.tenant.FindTenantQuery;
import io.sigmacode.kernel.tenant.Role;
import io.sigmacode.kernel.tenant.TenantResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Resolves the bearer token of a management request to a {@link Caller}, or refuses with 401. */
@Component
class ManagementAccess {

    private final String adminToken;
    private final Bus bus;

    ManagementAccess(SigmacodeProperties properties, Bus bus) {
        this.adminToken = properties.adminToken() == null || properties.adminToken().isBlank()
                ? null : properties.adminToken();
        this.bus = bus;
    }

    Mono<Caller> caller(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(unauthorized("Send Authorization: Bearer <admin token or gateway key>."));
        }
        String token = header.substring(7).strip();
        if (adminToken != null && ApiKeys.matches(token, adminToken)) {
            actor(exchange, Actor.PLATFORM_ADMIN);
            return Mono.just(Caller.PLATFORM_ADMIN);
        }
        return bus.query(new FindApiKeyQuery(ApiKeys.hash(token)), ApiKeyPrincipal.class)
                .filter(p -> !p.revoked())
                .doOnNext(p -> actor(exchange, Actor.key(p.keyId())))
                .map(p -> new Caller(p.tenantId(), p.roles()))
                .switchIfEmpty(Mono.error(() -> unauthorized(adminToken == null
                        ? "Management is disabled until SIGMACODE_ADMIN_TOKEN is set, and this is no valid key."
                        : "The token is neither the admin token nor a valid key.")));
    }

    private static void actor(ServerWebExchange exchange, String who) {
        Actor actor = exchange.getAttribute(RequestActorFilter.ATTRIBUTE);
        if (actor != null) {
            actor.authenticated(who);
        }
    }

    Mono<Caller> platformAdmin(ServerWebExchange exchange) {
        return caller(exchange).flatMap(c -> c.isPlatformAdmin() ? Mono.just(c)
                : Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the platform admin may do this.")));
    }

    /** The tenant, if the caller holds one of {@code roles} for it (or is the platform admin); otherwise 404. */
    Mono<TenantResponse> tenant(String tenantId, ServerWebExchange exchange, Role... roles) {
        return caller(exchange)
                .filter(caller -> caller.mayAccess(tenantId, roles))
                .flatMap(caller -> bus.query(new FindTenantQuery(tenantId), TenantResponse.class))
                .switchIfEmpty(Mono.error(() -> notFound("tenant " + tenantId)));
    }

    /** The tenant owning the account, if the caller holds one of {@code roles} for it; otherwise empty. */
    Mono<TenantResponse> accountOwner(Caller caller, String accountId, Role... roles) {
        return bus.query(new FindTenantByAccountQuery(accountId), TenantResponse.class)
                .filter(tenant -> caller.mayAccess(tenant.tenantId(), roles));
    }

    /** Like {@link #accountOwner} for the current caller, with 404 when the account is unknown or not theirs. */
    Mono<TenantResponse> account(String accountId, ServerWebExchange exchange, Role... roles) {
        return caller(exchange)
                .flatMap(caller -> accountOwner(caller, accountId, roles))
                .switchIfEmpty(Mono.error(() -> notFound("account " + accountId)));
    }

    private static ResponseStatusException unauthorized(String message) {
        return new ResponseStatusException(HttpStatus.UNAUTHORIZED, message);
    }

    static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, what + " not found");
    }
}
