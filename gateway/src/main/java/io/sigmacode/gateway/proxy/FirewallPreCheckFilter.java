package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.kernel.firewall.Stage;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Scans what goes to the model. It only decides; the verdict is recorded with the reservation in one transaction
 * by {@link AdmissionFilter}, which also refuses a blocked prompt.
 */
@Component
class FirewallPreCheckFilter implements WebFilter, Ordered {

    private final ProxyFirewall firewall;

    FirewallPreCheckFilter(ProxyFirewall firewall) {
        this.firewall = firewall;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        ProxyCall call = ProxyCall.of(exchange);
        call.preCheck(firewall.check(call.principal().tenantId(), Stage.PRE, call.promptText()));
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.FIREWALL_PRE_CHECK;
    }
}
