package io.sigmacode.gateway.management;

import io.sigmacode.gateway.config.SigmacodeProperties;
import io.sigmacode.gateway.security.ApiKeys;
import io.sigmacode.gateway.support.Actor;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallTimelineResponse;
import io.sigmacode.kernel.call.FindCallTimelineQuery;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.FindApiKeyQuery;
import io.sigmacode.kernel.tenant.FindTenantByAccountQuery;
import io.sigmacode.kernel.tenant.FindTenantQuery;
import io.sigmacode.kernel.tenant.TenantResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * Who the caller is and whether it may act on a resource. Which roles an endpoint admits is written once, in
 * {@link ManagementAuthorization}; this class applies a rule to a caller and a resource's tenant.
 */
@Component
class ManagementAccess {

    private final String adminToken;
    private final Bus bus;

    ManagementAccess(SigmacodeProperties properties, Bus bus) {
        this.adminToken = properties.adminToken() == null || properties.adminToken().isBlank()
                ? null : properties.adminToken();
        this.bus = bus;
    }

    /** The caller a bearer token stands for: the admin token, or a key neither revoked nor expired; else empty. */
    Mono<Caller> resolve(String token) {
        if (adminToken != null && ApiKeys.matches(token, adminToken)) {
            return Mono.just(Caller.PLATFORM_ADMIN);
        }
        return bus.query(new FindApiKeyQuery(ApiKeys.hash(token)), ApiKeyPrincipal.class)
                .filter(p -> p.usableAt(Instant.now()))
                .map(p -> new Caller(p.tenantId(), p.roles(), Actor.key(p.keyId())));
    }

    boolean adminTokenSet() {
        return adminToken != null;
    }

    /** The authenticated caller; the security chain let no unauthenticated request reach a controller. */
    Mono<Caller> caller(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(principal -> ((CallerAuthentication) principal).caller())
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                        "Send Authorization: Bearer <admin token or gateway key>.")));
    }

    /**
     * The decision of {@code rule} for a resource owned by {@code owner} (empty: no such resource): the platform
     * admin may; a caller of another tenant, or asking for something that does not exist, learns nothing (404);
     * a caller of the owning tenant without an admitted role is refused (403).
     */
    Mono<Boolean> admits(Caller caller, ManagementAuthorization.Rule rule, Mono<String> owner, String what) {
        if (caller.isPlatformAdmin()) {
            return Mono.just(true);
        }
        return owner.filter(tenantId -> tenantId.equals(caller.tenantId()))
                .switchIfEmpty(Mono.error(() -> notFound(what)))
                .map(tenantId -> caller.holdsAnyOf(rule.roles()));
    }

    /** The caller, if one of its roles is admitted by the rule of this request (a resource of no tenant). */
    Mono<Caller> admitted(ServerWebExchange exchange) {
        return caller(exchange).flatMap(caller -> caller.isPlatformAdmin()
                || caller.holdsAnyOf(ManagementAuthorization.ruleOf(exchange).roles())
                ? Mono.just(caller) : Mono.error(forbidden()));
    }

    /** The tenant, if the caller may act on it under the rule of this request; otherwise 403 or 404. */
    Mono<TenantResponse> tenant(String tenantId, ServerWebExchange exchange) {
        return caller(exchange)
                .flatMap(caller -> admits(caller, ManagementAuthorization.ruleOf(exchange), Mono.just(tenantId),
                        "tenant " + tenantId))
                .flatMap(admitted -> admitted ? Mono.just(true) : Mono.error(forbidden()))
                .then(bus.query(new FindTenantQuery(tenantId), TenantResponse.class))
                .switchIfEmpty(Mono.error(() -> notFound("tenant " + tenantId)));
    }

    /** The tenant owning the account, if the caller may act on it under the rule of this request. */
    Mono<TenantResponse> account(String accountId, ServerWebExchange exchange) {
        Mono<TenantResponse> owner = bus.query(new FindTenantByAccountQuery(accountId), TenantResponse.class).cache();
        return caller(exchange)
                .flatMap(caller -> admits(caller, ManagementAuthorization.ruleOf(exchange),
                        owner.map(TenantResponse::tenantId), "account " + accountId))
                .flatMap(admitted -> admitted ? owner : Mono.error(forbidden()))
                .switchIfEmpty(Mono.error(() -> notFound("account " + accountId)));
    }

    Mono<String> tenantOfAccount(String accountId) {
        return bus.query(new FindTenantByAccountQuery(accountId), TenantResponse.class).map(TenantResponse::tenantId);
    }

    Mono<String> tenantOfCall(String callId) {
        return bus.query(new FindCallTimelineQuery(callId), CallTimelineResponse.class)
                .flatMap(timeline -> tenantOfAccount(timeline.accountId()));
    }

    static ResponseStatusException forbidden() {
        return new ResponseStatusException(HttpStatus.FORBIDDEN, "This key's roles do not allow this.");
    }

    static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, what + " not found");
    }
}
