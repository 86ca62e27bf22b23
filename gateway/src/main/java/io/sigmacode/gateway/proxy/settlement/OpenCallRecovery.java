package io.sigmacode.gateway.proxy.settlement;

import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.config.DifyProperties;
import io.sigmacode.gateway.node.NodeLease;
import io.sigmacode.gateway.proxy.pipeline.IdempotencyStore;
import io.sigmacode.gateway.proxy.pipeline.InFlightCalls;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.CallOutcome;
import io.sigmacode.kernel.call.FindOpenCallsQuery;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.OpenCallsResponse;
import io.sigmacode.kernel.call.OpenCallsResponse.OpenCallRow;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.pricing.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Settles open calls (forwarded to Dify, no outcome) that no living node carries any more: their node was killed
 * mid-call (its lease expired), or this node could not record the outcome even after retries. A call still in flight
 * is never touched, however long it runs: its node holds a current lease and has it in its in-flight set. Nobody
 * knows what such a call used, so it is settled as failed (reason {@code lost_call}) with no usage: the account
 * charges the endpoint's flat fee, marked as estimated. Settling is idempotent, so racing a late real settlement is
 * harmless. The same sweep deletes expired Idempotency-Key records.
 */
@Component
class OpenCallRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpenCallRecovery.class);
    private static final int BATCH = 100;

    private final Bus bus;
    private final BillingProperties billing;
    private final IdempotencyStore idempotency;
    private final NodeLease lease;
    private final InFlightCalls inFlight;
    /** Calls recorded before nodes were named have no owner to ask: recovered once no call can still be running. */
    private final Duration ownerlessAfter;
    private volatile Disposable sweeps;

    OpenCallRecovery(Bus bus, BillingProperties billing, DifyProperties dify, IdempotencyStore idempotency,
                     NodeLease lease, InFlightCalls inFlight) {
        this.bus = bus;
        this.billing = billing;
        this.idempotency = idempotency;
        this.lease = lease;
        this.inFlight = inFlight;
        this.ownerlessAfter = dify.noCallRunsLongerThan();
    }

    Mono<Long> sweep() {
        return bus.query(new FindOpenCallsQuery(Instant.now().minus(billing.recoverAfter()), BATCH),
                        OpenCallsResponse.class)
                .zipWhen(found -> Mono.fromCallable(lease::liveNodes).subscribeOn(Schedulers.boundedElastic()))
                .flatMapMany(found -> Flux.fromIterable(found.getT1().calls())
                        .filter(call -> ownerGone(call, found.getT2())))
                .concatMap(this::settle)
                .reduce(0L, Long::sum);
    }

    private boolean ownerGone(OpenCallRow call, Set<String> liveNodes) {
        if (call.nodeId() == null) {
            return call.forwardedAt().isBefore(Instant.now().minus(ownerlessAfter));
        }
        if (call.nodeId().equals(lease.nodeId())) {
            return !inFlight.carries(call.callId());
        }
        return !liveNodes.contains(call.nodeId());
    }

    private Mono<Long> settle(OpenCallRow call) {
        var outcome = CallOutcome.failed(FirewallCheck.notScanned(Stage.POST, "lost_call"), null, Usage.NONE,
                UpstreamResult.NONE, 0, "lost_call", "The gateway node carrying the call stopped before it ended.");
        return bus.send(new SettleCallCommand(call.accountId(), call.callId(), outcome))
                .doOnSuccess(done -> log.warn("settled open call {} of account {} (node {}) with the flat fee",
                        call.callId(), call.accountId(), call.nodeId()))
                .thenReturn(1L)
                .onErrorResume(e -> {
                    log.error("could not settle open call {}", call.callId(), e);
                    return Mono.just(0L);
                });
    }

    @Override
    public void start() {
        sweeps = Flux.interval(billing.recoveryInterval(), billing.recoveryInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep()
                        .then(Mono.fromCallable(idempotency::deleteExpired).subscribeOn(Schedulers.boundedElastic()))
                        .onErrorResume(e -> {
                            log.warn("open-call recovery failed; trying again in {}", billing.recoveryInterval(), e);
                            return Mono.just(0);
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (sweeps != null) {
            sweeps.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeps != null && !sweeps.isDisposed();
    }
}
