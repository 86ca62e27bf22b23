package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.support.AfterCommit;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.tenant.ApiKeyPrincipal;
import io.sigmacode.kernel.tenant.ApiKeyRevokedEvent;
import io.sigmacode.kernel.tenant.ApiKeyRotatedEvent;
import io.sigmacode.kernel.tenant.FindApiKeyQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway keys the proxy has recently seen, so that a busy key costs one directory read every
 * {@link #FRESH_FOR} instead of one per call. A revocation on this node evicts the key at once (a subscribing
 * handler); other nodes stop honouring it within {@link #FRESH_FOR}. Unknown keys are not cached, so a flood of
 * wrong keys cannot fill memory.
 */
@Component
@ProcessingGroup("key-cache")
class KeyDirectory {

    /** A key revoked on another node stops working here within this (one indexed read per key per second). */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final int MAX_ENTRIES = 100_000;

    private final Bus bus;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

    KeyDirectory(Bus bus) {
        this.bus = bus;
    }

    private record Cached(ApiKeyPrincipal principal, long loadedAtNanos) {
    }

    /** Empty when no such key exists; an error when the directory could not be read. */
    Mono<Optional<ApiKeyPrincipal>> find(String keyHash) {
        Cached cached = byHash.get(keyHash);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < FRESH_FOR.toNanos()) {
            return Mono.just(Optional.of(cached.principal()));
        }
        return bus.query(new FindApiKeyQuery(keyHash), ApiKeyPrincipal.class)
                .doOnNext(principal -> {
                    if (byHash.size() >= MAX_ENTRIES) {
                        byHash.clear();
                    }
                    byHash.put(keyHash, new Cached(principal, System.nanoTime()));
                })
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** Evicts now and again after the revocation commits, so no read in between can put the key back. */
    @EventHandler
    void on(ApiKeyRevokedEvent event) {
        evict(event.keyId());
    }

    /** A rotation shortens the old key's life (to nothing, with no grace period): the cached expiry is stale. */
    @EventHandler
    void on(ApiKeyRotatedEvent event) {
        evict(event.keyId());
    }

    private void evict(String keyId) {
        byHash.values().removeIf(cached -> cached.principal().keyId().equals(keyId));
        AfterCommit.run(() -> byHash.values().removeIf(cached -> cached.principal().keyId().equals(keyId)));
    }
}
