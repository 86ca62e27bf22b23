package io.sigmacode.gateway.support;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Blocking work (JDBC, Axon's local buses) run on a scheduler such that cancelling the returned Mono — a timeout, a
 * client gone — stops the waiting but never interrupts the thread doing the work. Reactor's bounded elastic
 * scheduler interrupts a cancelled task's thread, and an interrupt mid-transaction can leave a lock held or a write
 * in an unknown state.
 */
public final class Uninterrupted {

    private Uninterrupted() {
    }

    public static <T> Mono<T> call(Scheduler scheduler, Callable<T> work) {
        return Mono.defer(() -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            try {
                scheduler.schedule(() -> {
                    try {
                        result.complete(work.call());
                    } catch (Exception | Error e) {
                        result.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException rejected) {
                result.completeExceptionally(rejected);
            }
            return Mono.fromFuture(result, true);
        });
    }

    /** As {@link #call}, for work that hands back a future of its own (Axon's gateways). */
    public static <T> Mono<T> future(Scheduler scheduler, Callable<CompletableFuture<T>> work) {
        return call(scheduler, work).flatMap(future -> Mono.fromFuture(future, true));
    }
}
