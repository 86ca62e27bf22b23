package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.StartCallCommand;
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
import java.util.concurrent.CompletableFuture;

/**
 * The call's first event-store transaction: call started, pre-check verdict, and the reservation or its refusal,
 * decided and priced by the account aggregate. Only an admitted call goes on to Dify. A client that hangs up while
 * the call is being admitted, or before it is sent, gets its reservation released: Dify never had the call.
 */
@Component
class AdmissionFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AdmissionFilter.class);

    private final Bus bus;
    private final long assumedLlmTokens;
    private final ProxyMetrics metrics;
    private final SecretBox secrets;
    private final NodeLease node;
    private final InFlightCalls inFlight;
    private final CallSettlement settlement;

    AdmissionFilter(Bus bus, BillingProperties billing, ProxyMetrics metrics, SecretBox secrets, NodeLease node,
                    InFlightCalls inFlight, CallSettlement settlement) {
        this.bus = bus;
        this.assumedLlmTokens = billing.reservationLlmTokens();
        this.metrics = metrics;
        this.secrets = secrets;
        this.node = node;
        this.inFlight = inFlight;
        this.settlement = settlement;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProxyPaths.isProxied(exchange)) {
            return chain.filter(exchange);
        }
        ProxyCall call = ProxyCall.of(exchange);
        if (!openDifyKey(call)) {
            return DifyErrors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "upstream_key_unreadable",
                    "The gateway cannot read the Dify key stored for this app; nothing was charged. An operator "
                            + "must register the app's Dify key again.");
        }
        var principal = call.principal();
        var details = new CallDetails(principal.tenantId(), principal.keyId(), principal.appId(),
                call.route().endpoint(principal.appMode()), call.streaming(),
                exchange.getRequest().getHeaders().getFirst(IdempotencyFilter.HEADER), node.nodeId());
        CompletableFuture<CallAdmission> admission = bus.<CallAdmission>send(new StartCallCommand(
                principal.accountId(), call.callId(), details, call.preCheck(), assumedLlmTokens)).toFuture();
        return Mono.fromFuture(admission, true)
                .map(Optional::of)
                .onErrorResume(e -> {
                    log.warn("call {} could not be admitted", call.callId(), e);
                    return Mono.just(Optional.empty());
                })
                .flatMap(result -> result.isEmpty() ? unavailable(exchange) : decide(result.get(), call, exchange,
                        chain))
                .doOnCancel(() -> admission.thenAccept(decided -> {
                    if (decided.decision() == Decision.FORWARD && call.abandon()) {
                        settlement.notForwarded(call).subscribe();
                    }
                }));
    }

    private boolean openDifyKey(ProxyCall call) {
        try {
            var principal = call.principal();
            call.difyKey(secrets.open(principal.sealedDifyKey(),
                    SecretBox.appBinding(principal.tenantId(), principal.appId())));
            return true;
        } catch (RuntimeException e) {
            log.error("the Dify key of app {} does not open with this gateway's encryption key",
                    call.principal().appId(), e);
            return false;
        }
    }

    private Mono<Void> decide(CallAdmission admission, ProxyCall call, ServerWebExchange exchange,
                              WebFilterChain chain) {
        return switch (admission.decision()) {
            case FORWARD -> {
                inFlight.admitted(call.callId());
                call.admitted();
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
                                + admission.needed() + ".");
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
