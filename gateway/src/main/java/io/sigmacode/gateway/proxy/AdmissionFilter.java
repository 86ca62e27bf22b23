package io.sigmacode.gateway.proxy;

import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The call's first event-store transaction: call started, pre-check verdict, and the reservation or its refusal,
 * decided by the account aggregate. Only an admitted call goes on to Dify.
 */
@Component
class AdmissionFilter implements WebFilter, Ordered {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Bus bus;
    private final PriceBook prices;
    private final long reservationLlmTokens;
    private final ProxyMetrics metrics;

    AdmissionFilter(Bus bus, PriceBook prices, BillingProperties billing, ProxyMetrics metrics) {
        this.bus = bus;
        this.prices = prices;
        this.reservationLlmTokens = billing.reservationLlmTokens();
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        ProxyCall call = ProxyCall.of(exchange);
        var principal = call.principal();
        String endpoint = call.route().endpoint();
        long reserve = prices.charge(endpoint, new Usage(0, 0, reservationLlmTokens), UsageSource.ESTIMATED).tokens();
        var details = new CallDetails(principal.tenantId(), principal.keyId(), principal.appId(), endpoint, false,
                exchange.getRequest().getHeaders().getFirst(IDEMPOTENCY_KEY));
        return bus.<CallAdmission>send(new StartCallCommand(principal.accountId(), call.callId(), details,
                        call.preCheck(), reserve))
                .flatMap(admission -> switch (admission.decision()) {
                    case FORWARD -> {
                        call.reservedTokens(reserve);
                        yield chain.filter(exchange);
                    }
                    case BLOCKED -> {
                        metrics.outcome("blocked");
                        yield DifyErrors.write(exchange, HttpStatus.FORBIDDEN, "firewall_blocked",
                                "The prompt was blocked by the firewall (call " + call.callId() + ").");
                    }
                    case INSUFFICIENT_TOKENS -> {
                        metrics.outcome("insufficient_tokens");
                        yield DifyErrors.write(exchange, HttpStatus.PAYMENT_REQUIRED, "insufficient_tokens",
                                "The account has " + admission.available() + " tokens available; this call needs "
                                        + reserve + ".");
                    }
                });
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.ADMISSION;
    }
}
