package io.sigmacode.gateway.proxy;

import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * The call's first event-store transaction: call started, pre-check verdict, and the reservation or its refusal,
 * decided by the account aggregate. Only an admitted call goes on to Dify.
 */
@Component
class AdmissionFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AdmissionFilter.class);

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
        var details = new CallDetails(principal.tenantId(), principal.keyId(), principal.appId(), endpoint, call.streaming(),
                exchange.getRequest().getHeaders().getFirst(IdempotencyFilter.HEADER));
        return bus.<CallAdmission>send(new StartCallCommand(principal.accountId(), call.callId(), details,
                        call.preCheck(), reserve))
                .map(Optional::of)
                .onErrorResume(e -> {
                    log.warn("call {} could not be admitted", call.callId(), e);
                    return Mono.just(Optional.empty());
                })
                .flatMap(result -> result.isEmpty() ? unavailable(exchange) : decide(result.get(), call, exchange,
                        chain, reserve));
    }

    private Mono<Void> decide(CallAdmission admission, ProxyCall call, ServerWebExchange exchange,
                              WebFilterChain chain, long reserve) {
        return switch (admission.decision()) {
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
                };
    }

    /** Nothing was reserved (the transaction rolled back), so the client may simply retry. */
    private static Mono<Void> unavailable(ServerWebExchange exchange) {
        return DifyErrors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The gateway could not record the call; nothing was charged. Please try again.");
    }

    @Override
    public int getOrder() {
        return ProxyFilterOrder.ADMISSION;
    }
}
