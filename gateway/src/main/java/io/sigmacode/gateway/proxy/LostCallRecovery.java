package io.sigmacode.gateway.proxy;

import io.sigmacode.command.pricing.PriceBook;
import io.sigmacode.gateway.config.BillingProperties;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.call.FindStaleReservationsQuery;
import io.sigmacode.kernel.call.SettleCallCommand;
import io.sigmacode.kernel.call.StaleReservationsResponse;
import io.sigmacode.kernel.call.UpstreamResult;
import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.firewall.Stage;
import io.sigmacode.kernel.pricing.Usage;
import io.sigmacode.kernel.pricing.UsageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;

/**
 * Settles calls that reached Dify but never got an outcome: the gateway was killed mid-call, or the second
 * transaction failed even after its retries. Nobody knows what Dify used, so the charge is the endpoint's flat fee,
 * marked as estimated. Settling is idempotent, so racing a late real settlement is harmless. The same sweep deletes
 * expired Idempotency-Key records.
 */
@Component
class LostCallRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LostCallRecovery.class);
    private static final int BATCH = 100;

    private final Bus bus;
    private final PriceBook prices;
    private final BillingProperties billing;
    private final IdempotencyStore idempotency;
    private volatile Disposable sweeps;

    LostCallRecovery(Bus bus, PriceBook prices, BillingProperties billing, IdempotencyStore idempotency) {
        this.bus = bus;
        this.prices = prices;
        this.billing = billing;
        this.idempotency = idempotency;
    }

    Mono<Long> sweep() {
        return bus.query(new FindStaleReservationsQuery(Instant.now().minus(billing.recoverAfter()), BATCH),
                        StaleReservationsResponse.class)
                .flatMapMany(found -> Flux.fromIterable(found.calls()))
                .concatMap(call -> bus.send(new SettleCallCommand(call.accountId(), call.callId(), FirewallCheck.notScanned(Stage.POST, "lost_call"),
                                prices.charge(call.endpoint(), Usage.NONE, UsageSource.ESTIMATED), UpstreamResult.NONE, 0))
                        .doOnSuccess(done -> log.warn("settled lost call {} of account {} with an estimate",
                                call.callId(), call.accountId()))
                        .thenReturn(1L)
                        .onErrorResume(e -> {
                            log.error("could not settle lost call {}", call.callId(), e);
                            return Mono.just(0L);
                        }))
                .reduce(0L, Long::sum);
    }

    @Override
    public void start() {
        sweeps = Flux.interval(billing.recoveryInterval(), billing.recoveryInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep()
                        .then(Mono.fromCallable(idempotency::deleteExpired).subscribeOn(Schedulers.boundedElastic()))
                        .onErrorResume(e -> {
                            log.warn("lost-call sweep failed; trying again in {}", billing.recoveryInterval(), e);
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
