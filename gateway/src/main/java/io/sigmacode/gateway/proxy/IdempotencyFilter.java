package io.sigmacode.gateway.proxy;

import io.sigmacode.gateway.proxy.IdempotencyStore.Recorded;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A retry with the same {@code Idempotency-Key} (per tenant, within 24 h) gets the first call's outcome and is not
 * charged again. The key is claimed before anything is reserved; a call refused before it reached Dify gives the key
 * back, so a retry after a top-up runs for real.
 */
@Component
class IdempotencyFilter implements WebFilter, Ordered {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;

    IdempotencyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (!ProxyPaths.isProxied(exchange) || key == null) {
            return chain.filter(exchange);
        }
        if (!VALID.matcher(key).matches()) {
            return DifyErrors.write(exchange, HttpStatus.BAD_REQUEST, "invalid_param",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        ProxyCall call = ProxyCall.of(exchange);
        String tenantId = call.principal().tenantId();
        String requestHash = sha256(call.body());
        return store.claim(tenantId, key, call.callId(), requestHash)
                .map(Optional::of)
                .onErrorReturn(Optional.empty())
                .flatMap(claim -> {
                    if (claim.isEmpty()) {
                        return DifyErrors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                                "The gateway could not check the Idempotency-Key. Please try again.");
                    }
                    if (claim.get().isPresent()) {
                        return answerFromRecord(exchange, claim.get().get(), requestHash);
                    }
                    call.idempotencyKey(key);
                    Mono<Void> giveBack = Mono.defer(() -> !call.wasAdmitted()
                            ? store.release(tenantId, key, call.callId()).onErrorResume(e -> Mono.empty())
                            : Mono.empty());
                    return chain.filter(exchange)
                            .then(giveBack)
                            .onErrorResume(e -> giveBack.then(Mono.error(e)));
                });
    }

    private static Mono<Void> answerFromRecord(ServerWebExchange exchange, Recorded recorded, String requestHash) {
        if (!recorded.requestHash().equals(requestHash)) {
            return DifyErrors.write(exchange, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_mismatch",
                    "This Idempotency-Key was used with a different request body.");
        }
        if (recorded.status() == null) {
            return DifyErrors.write(exchange, HttpStatus.CONFLICT, "idempotency_key_in_use",
                    "A request with this Idempotency-Key is still being processed.");
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

    @Override
    public int getOrder() {
        return ProxyFilterOrder.IDEMPOTENCY;
    }
}
