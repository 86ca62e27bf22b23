package io.sigmacode.gateway.management;

import io.sigmacode.kernel.tenant.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.sigmacode.kernel.tenant.Role.AUDITOR;
import static io.sigmacode.kernel.tenant.Role.DEVELOPER;
import static io.sigmacode.kernel.tenant.Role.FINANCE;
import static io.sigmacode.kernel.tenant.Role.TENANT_ADMIN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * THE authorization table: every management endpoint, the roles it admits and how its resource's tenant is found.
 * The platform admin is admitted everywhere and is not listed. A key of another tenant gets 404 (it learns nothing,
 * not even that the resource exists), a key of the owning tenant without a listed role 403. A request no rule
 * matches is answered 404 once authenticated, so an endpoint missing here is closed, not open.
 */
final class ManagementAuthorization {

    /** How the tenant that owns the requested resource is found. */
    enum Scope {
        /** No tenant's resource (the platform's, or the caller's own tenant implied): roles decide alone. */
        NONE,
        /** Path variable {@code tenantId}. */
        TENANT,
        /** Path variable {@code accountId}: the tenant owning the account. */
        ACCOUNT,
        /** Path variable {@code callId}: the tenant owning the call's account. */
        CALL,
        /** Query parameter {@code tenantId}; without one, roles decide (the controller asks for it). */
        TENANT_QUERY,
        /** Named in the body: the controller decides with this rule once it has read the body. */
        BODY
    }

    record Rule(HttpMethod method, String path, Scope scope, Set<Role> roles) {
    }

    private static final Set<Role> PLATFORM_ADMIN_ONLY = Set.of();
    private static final Set<Role> READERS = Set.of(TENANT_ADMIN, FINANCE, AUDITOR);

    static final List<Rule> RULES = List.of(
            new Rule(POST, "/api/tenants", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(GET, "/api/tenants/{tenantId}", Scope.TENANT, READERS),
            new Rule(POST, "/api/tenants/{tenantId}/apps", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(PUT, "/api/tenants/{tenantId}/apps/{appId}/canaries", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(POST, "/api/tenants/{tenantId}/api-keys", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(DELETE, "/api/tenants/{tenantId}/api-keys/{keyId}", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(POST, "/api/tenants/{tenantId}/api-keys/{keyId}/rotation", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(GET, "/api/tenants/{tenantId}/firewall-policy", Scope.TENANT, Set.of(TENANT_ADMIN, AUDITOR)),
            new Rule(PUT, "/api/tenants/{tenantId}/firewall-policy", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(GET, "/api/tenants/{tenantId}/end-users/{user}", Scope.TENANT, Set.of(TENANT_ADMIN, AUDITOR)),
            new Rule(DELETE, "/api/tenants/{tenantId}/end-users/{user}", Scope.TENANT, Set.of(TENANT_ADMIN)),
            new Rule(POST, "/api/accounts/{accountId}/grants", Scope.ACCOUNT, PLATFORM_ADMIN_ONLY),
            new Rule(GET, "/api/accounts/{accountId}/balance", Scope.ACCOUNT, Set.of(TENANT_ADMIN, FINANCE)),
            new Rule(GET, "/api/accounts/{accountId}/ledger", Scope.ACCOUNT, Set.of(TENANT_ADMIN, FINANCE)),
            new Rule(GET, "/api/accounts/{accountId}/statement", Scope.ACCOUNT, Set.of(TENANT_ADMIN, FINANCE)),
            new Rule(PUT, "/api/accounts/{accountId}/low-balance-alert", Scope.ACCOUNT, Set.of(TENANT_ADMIN)),
            new Rule(GET, "/api/price-book", Scope.NONE, Set.of(TENANT_ADMIN, FINANCE, AUDITOR, DEVELOPER)),
            new Rule(PUT, "/api/price-book", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(POST, "/api/price-book/corrections", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(POST, "/api/billing/checkout", Scope.BODY, Set.of(TENANT_ADMIN)),
            new Rule(GET, "/api/finance/reconciliation", Scope.NONE, Set.of(FINANCE)),
            new Rule(GET, "/api/usage", Scope.TENANT_QUERY, READERS),
            new Rule(GET, "/api/calls/{callId}", Scope.CALL, READERS),
            new Rule(GET, "/api/audit", Scope.TENANT_QUERY, Set.of(TENANT_ADMIN, AUDITOR)),
            new Rule(GET, "/api/audit/verify", Scope.TENANT_QUERY, Set.of(TENANT_ADMIN, AUDITOR)),
            new Rule(POST, "/api/firewall/scan", Scope.BODY, Set.of(TENANT_ADMIN, FINANCE, AUDITOR, DEVELOPER)),
            new Rule(GET, "/api/admin/projections", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(POST, "/api/admin/projections/{name}/replay", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(GET, "/api/admin/dead-letters", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(POST, "/api/admin/dead-letters/{group}/retry", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(DELETE, "/api/admin/dead-letters/{group}/{eventIdentifier}", Scope.NONE, PLATFORM_ADMIN_ONLY),
            // The OpenAPI document and the metrics: not anonymous (decisions.md, "Metrics and the OpenAPI document").
            new Rule(GET, "/v3/api-docs/**", Scope.NONE, READERS),
            new Rule(GET, "/actuator/prometheus", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(GET, "/actuator/metrics/**", Scope.NONE, PLATFORM_ADMIN_ONLY),
            new Rule(GET, "/actuator/info", Scope.NONE, PLATFORM_ADMIN_ONLY));

    /** Open to anyone: the health probe of load balancers, and Stripe, which proves itself by its signature. */
    static final List<String> OPEN = List.of("/actuator/health", "/actuator/health/**", "/api/billing/stripe/webhook");

    private static final String RULE = ManagementAuthorization.class.getName() + ".rule";

    private final ManagementAccess access;

    ManagementAuthorization(ManagementAccess access) {
        this.access = access;
    }

    void apply(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers(OPEN.toArray(String[]::new)).permitAll();
        for (Rule rule : RULES) {
            exchanges.pathMatchers(rule.method(), rule.path()).access(decide(rule));
        }
        exchanges.anyExchange().access((authentication, context) -> authentication
                .filter(CallerAuthentication.class::isInstance)
                .flatMap(caller -> Mono.<AuthorizationDecision>error(ManagementAccess.notFound("resource")))
                .defaultIfEmpty(new AuthorizationDecision(false)));
    }

    /** The rule that admitted this request, for controllers that find the resource's tenant in the body. */
    static Rule ruleOf(ServerWebExchange exchange) {
        Rule rule = exchange.getAttribute(RULE);
        if (rule == null) {
            throw new IllegalStateException("no authorization rule for " + exchange.getRequest().getPath());
        }
        return rule;
    }

    private ReactiveAuthorizationManager<AuthorizationContext> decide(Rule rule) {
        return (authentication, context) -> authentication
                .filter(CallerAuthentication.class::isInstance)
                .map(principal -> ((CallerAuthentication) principal).caller())
                .flatMap(caller -> {
                    context.getExchange().getAttributes().put(RULE, rule);
                    if (rule.scope() == Scope.BODY) {
                        return Mono.just(true);
                    }
                    return owner(rule, context)
                            .map(owner -> access.admits(caller, rule, owner, "resource"))
                            .orElseGet(() -> Mono.just(caller.isPlatformAdmin() || caller.holdsAnyOf(rule.roles())));
                })
                .map(AuthorizationDecision::new)
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** The owner of the resource when the rule's scope names one in the path or query; empty when it does not. */
    private Optional<Mono<String>> owner(Rule rule, AuthorizationContext context) {
        var variables = context.getVariables();
        return Optional.ofNullable(switch (rule.scope()) {
            case TENANT -> Mono.just((String) variables.get("tenantId"));
            case ACCOUNT -> access.tenantOfAccount((String) variables.get("accountId"));
            case CALL -> access.tenantOfCall((String) variables.get("callId"));
            case TENANT_QUERY -> {
                String tenantId = context.getExchange().getRequest().getQueryParams().getFirst("tenantId");
                yield tenantId == null ? null : Mono.just(tenantId);
            }
            case NONE, BODY -> null;
        });
    }
}
