package io.sigmacode.gateway.proxy.pipeline;

import io.sigmacode.gateway.proxy.pipeline.IdempotencyStore.Recorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one owner of {@code Idempotency-Key}: a retry with the same key (per tenant, within 24 h) gets the first
 * call's outcome and is not charged again. The key is claimed before anything is reserved. The outcome kept is the
 * call's settled answer ({@link ProxyCall#answered}), taken whether or not the client stayed to read it; a call Dify
 * never had, or one refused before admission, gives the key back so a retry runs for real. Generations only: the
 * key protects against paying twice, and only they are read whole (uploads and audio stream through unhashed).
 */
@Component
class IdempotencyFilter extends ProxyFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;

    IdempotencyFilter(IdempotencyStore store) {
        super(ProxyFilterOrder.IDEMPOTENCY);
        this.store = store;
    }

    @Override
    boolean appliesTo(ProxyRoute route) {
        return route.kind() == ProxyRoute.Kind.GENERATION;
    }

    @Override
    Mono<Void> filter(ProxyCall call, ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null) {
            return chain.filter(exchange);
        }
        if (!VALID.matcher(key).matches()) {
            return ProxyRefusal.IDEMPOTENCY_KEY_MALFORMED.write(exchange);
        }
        String tenantId = call.principal().tenantId();
        String requestHash = sha256(call.clientBody());
        return store.claim(tenantId, key, call.callId(), requestHash)
                .map(Optional::of)
                .onErrorReturn(Optional.empty())
                .flatMap(claim -> {
                    if (claim.isEmpty()) {
                        return ProxyRefusal.IDEMPOTENCY_UNAVAILABLE.write(exchange);
                    }
                    if (claim.get().isPresent()) {
                        return answerFromRecord(exchange, claim.get().get(), requestHash);
                    }
                    call.idempotencyKey(key);
                    keepAnswer(call, tenantId, key);
                    Mono<Void> giveBack = Mono.defer(() -> !call.wasAdmitted()
                            ? store.release(tenantId, key, call.callId()).onErrorResume(e -> Mono.empty())
                            : Mono.empty());
                    return chain.filter(exchange)
                            .then(giveBack)
                            .onErrorResume(e -> giveBack.then(Mono.error(e)));
                });
    }

    /** Detached from the client's connection: a client that hung up still finds the outcome when it retries. */
    private void keepAnswer(ProxyCall call, String tenantId, String key) {
        call.answer()
                .flatMap(reply -> call.released()
                        ? store.release(tenantId, key, call.callId())
                        : store.complete(tenantId, key, call.callId(), reply.status(),
                        reply.contentType().toString(), reply.body()))
                .subscribe(null, e -> log.error("could not keep the outcome of call {} for its Idempotency-Key",
                        call.callId(), e));
    }

    private static Mono<Void> answerFromRecord(ServerWebExchange exchange, Recorded recorded, String requestHash) {
        if (!recorded.requestHash().equals(requestHash)) {
            return ProxyRefusal.IDEMPOTENCY_KEY_MISMATCH.write(exchange);
        }
        if (recorded.status() == null) {
            return ProxyRefusal.IDEMPOTENCY_KEY_IN_USE.write(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setRawStatusCode(recorded.status());
        response.getHeaders().set(CallIdFilter.HEADER, recorded.callId());
        response.getHeaders().set(REPLAYED, "true");
        response.getHeaders().setContentType(recorded.contentType() != null
                ? MediaType.parseMediaType(recorded.contentType()) : MediaType.APPLICATION_JSON);
        byte[] body = recorded.body() != null ? recorded.body() : new byte[0];
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
