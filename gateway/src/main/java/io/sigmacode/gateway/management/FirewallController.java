package io.sigmacode.gateway.management;

import io.sigmacode.firewall.ScanResult;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.firewall.Finding;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.kernel.policy.FindFirewallPolicyQuery;
import io.sigmacode.kernel.policy.FirewallPolicyResponse;
import io.sigmacode.kernel.policy.PublishFirewallPolicyCommand;
import io.sigmacode.kernel.tenant.TenantResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** Tenants' firewall policies, and a dry-run scan that records nothing. */
@RestController
class FirewallController {

    private final ManagementAccess access;
    private final Bus bus;
    private final ProxyFirewall firewall;

    FirewallController(ManagementAccess access, Bus bus, ProxyFirewall firewall) {
        this.access = access;
        this.bus = bus;
        this.firewall = firewall;
    }

    record ScanRequest(String tenantId, @NotNull Stage stage, @NotNull String text) {
        @Override
        public String toString() {
            return "ScanRequest[tenantId=" + tenantId + ", stage=" + stage + ", text=" + Hidden.of(text) + "]";
        }
    }

    record ScanResponse(Verdict verdict, List<Finding> findings, int policyVersion, long scanMicros, String reason) {
    }

    /** Version 0 is the platform default, in force until the tenant publishes its own. */
    @GetMapping("/api/tenants/{tenantId}/firewall-policy")
    Mono<FirewallPolicyResponse> policy(@PathVariable String tenantId, ServerWebExchange exchange) {
        return access.tenant(tenantId, exchange)
                .flatMap(tenant -> firewall.policy(tenantId))
                .map(policy -> new FirewallPolicyResponse(tenantId, policy.version(), policy.document()));
    }

    @PutMapping("/api/tenants/{tenantId}/firewall-policy")
    Mono<FirewallPolicyResponse> publish(@PathVariable String tenantId, @RequestBody FirewallPolicyDocument document,
                                         ServerWebExchange exchange) {
        if (document.actions() != null
                && document.actions().stream().anyMatch(a -> a != null && a.category() == null)) {
            // The policy compiler looks a category up in an immutable list, which throws on null: a 500, not a 400.
            throw new IllegalArgumentException("actions: every entry needs a category");
        }
        return access.tenant(tenantId, exchange)
                .then(Mono.defer(() -> bus.send(new PublishFirewallPolicyCommand(tenantId, document))))
                .then(Mono.defer(() -> bus.query(new FindFirewallPolicyQuery(tenantId), FirewallPolicyResponse.class)));
    }

    @PostMapping("/api/firewall/scan")
    Mono<ScanResponse> scan(@Valid @RequestBody ScanRequest request, ServerWebExchange exchange) {
        Mono<String> scope = request.tenantId() == null
                ? access.admitted(exchange).map(caller -> "")
                : access.tenant(request.tenantId(), exchange)
                .map(TenantResponse::tenantId);
        return scope.flatMap(tenantId -> firewall.policy(tenantId.isEmpty() ? null : tenantId))
                .map(policy -> {
                    ScanResult result = firewall.scan(policy, request.stage(), request.text());
                    return new ScanResponse(result.verdict(), result.findings(), policy.version(),
                            result.scanNanos() / 1_000, result.reason());
                });
    }
}
