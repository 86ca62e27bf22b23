package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.gateway.security.SecretBox;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallAdmission;
import io.sigmacode.kernel.call.CallAdmission.Decision;
import io.sigmacode.kernel.call.CallDetails;
import io.sigmacode.kernel.call.StartCallCommand;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The paid call's first event-store transaction: call started, pre-check verdict, and the reservation or its
 * refusal, decided and priced by the account aggregate. Only an admitted call goes on to Dify. A client that hangs
 * up while the call is being admitted, or before it is sent, gets its reservation released: Dify never had the call.
 * Free calls are not admitted here: they take no reservation and are recorded once they are answered.
 */
@Component
class AdmissionFilter extends ProxyFilter {

    private static final Logger log = LoggerFactory.getLogger(AdmissionFilter.class);

    private final Bus bus;
    private final long assumedLlmTokens;
    private final ProxyMetrics metrics;
    private final SecretBox secrets;
    private final NodeLease node;
    private final InFlightCalls inFlight;
    private final AbandonedCalls abandoned;

    AdmissionFilter(Bus bus, BillingProperties billing, ProxyMetrics metrics, SecretBox secrets, NodeLease node,
                    InFlightCalls inFlight, AbandonedCalls abandoned) {
        super(ProxyFilterOrder.ADMISSION);
        this.bus = bus;
        this.assumedLlmTokens = billing.reservationLlmTokens();
        this.metrics = metrics;
        this.secrets = secrets;
        this.node = node;
        this.inFlight = inFlight;
        this.abandoned = abandoned;
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        if (!openDifyKey(call)) {
            return ProxyRefusal.UPSTREAM_KEY_UNREADABLE.write(exchange);
        }
        if (call.route().free()) {
            return chain.filter(exchange);
        }
        var principal = call.principal();
        boolean generation = call.route().kind() == ProxyRoute.Kind.GENERATION;
        var details = new CallDetails(principal.tenantId(), principal.keyId(), principal.appId(),
                call.route().endpoint(principal.appMode()), call.streaming(),
                call.idempotencyKey(), node.nodeId());
        // An upload or audio call runs no model the gateway could see: its flat fee is all it reserves.
        FirewallCheck preCheck = call.preCheck() != null ? call.preCheck()
                : FirewallCheck.notScanned(Stage.PRE, "no_prompt");
        CompletableFuture<CallAdmission> admission = bus.<CallAdmission>send(new StartCallCommand(
                principal.accountId(), call.callId(), details, preCheck,
                generation ? assumedLlmTokens : 0)).toFuture();
        return Mono.fromFuture(admission, true)
                .map(Optional::of)
                .onErrorResume(e -> {
                    log.warn("call {} could not be admitted", call.callId(), e);
                    return Mono.just(Optional.empty());
                })
                .flatMap(result -> result.isEmpty() ? ProxyRefusal.CALL_NOT_RECORDED.write(exchange)
                        : decide(result.get(), call, exchange, chain))
                .doOnCancel(() -> admission.thenAccept(decided -> {
                    if (decided.decision() == Decision.FORWARD && call.abandon()) {
                        abandoned.notForwarded(call).subscribe();
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
                yield ProxyRefusal.PROMPT_BLOCKED.write(exchange, call.callId());
            }
            case INSUFFICIENT_TOKENS -> {
                metrics.outcome("insufficient_tokens");
                yield ProxyRefusal.INSUFFICIENT_TOKENS.write(exchange, admission.available(), admission.needed());
            }
        };
    }
}
