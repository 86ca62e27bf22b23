package io.sigmacode.gateway.alerts;

import io.sigmacode.gateway.config.AlertProperties;
import io.sigmacode.gateway.security.SecretBox;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbound webhooks in {@code webhook_delivery}, signed as Stripe signs its own
 * ({@code Sigmacode-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}), so a receiver can reuse its
 * Stripe verification code. A failed attempt is retried with doubling waits up to {@code maxAttempts}; every attempt
 * is recorded in {@code webhook_attempt}. Deliveries are claimed with a lease in the database, so several nodes
 * never send the same attempt twice.
 *
 * <p>The database is asked only when something may be due: at once when this node raised an alert, when a retry
 * of this node's falls due, and otherwise every {@link #SWEEP_EVERY} (other nodes' deliveries, a restart). Asking
 * every second made the gateway recover noticeably slower after a PostgreSQL outage.
 */
@Component
class AlertWebhooks {

    static final String SIGNATURE_HEADER = "Sigmacode-Signature";
    /** A claimed delivery is not claimed again for this long, enough for one attempt and its bookkeeping. */
    private static final int CLAIM_SECONDS = 60;
    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final int BATCH = 20;
    private static final int ERROR_LENGTH = 500;
    /** Waits stop doubling after this many failures (a base of 10 s then waits about 2.8 h). */
    private static final int MAX_DOUBLINGS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhooks.class);

    private record Due(String eventId, String url, String body, int attempts, String sealedSecret,
                       String accountId) {
    }

    /** {@code error} is null when the receiver answered 2xx. */
    private record Outcome(Integer status, String error) {
    }

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;
    private final AlertProperties properties;
    private final WebClient http;
    private final Disposable loop;
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Only the loop's own (sequential) rounds read and write it. */
    private Instant nextRound = Instant.EPOCH;

    AlertWebhooks(JdbcTemplate jdbc, SecretBox secrets, AlertProperties properties) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .responseTimeout(properties.timeout())))
                .build();
        this.loop = Flux.interval(properties.pollEvery(), properties.pollEvery(), Schedulers.boundedElastic())
                // a round slower than the interval skips ticks instead of ending the loop
                .onBackpressureDrop()
                .filter(tick -> due())
                .concatMap(tick -> Mono.fromCallable(this::claim)
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(this::attempt)
                        .onErrorResume(e -> {
                            LOG.warn("webhook delivery round failed: {}", e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    /** Wakes the loop for a delivery this node just stored. */
    void wake() {
        woken.set(true);
    }

    private boolean due() {
        Instant now = Instant.now();
        if (!woken.getAndSet(false) && now.isBefore(nextRound)) {
            return false;
        }
        nextRound = now.plus(SWEEP_EVERY);
        return true;
    }

    private List<Due> claim() {
        return jdbc.query("""
                UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                FROM low_balance_alert a
                WHERE a.account_id = d.account_id AND d.event_id IN (
                    SELECT event_id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING d.event_id, d.url, d.body, d.attempts, a.sealed_secret, a.account_id""",
                (rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6)),
                CLAIM_SECONDS, BATCH);
    }

    private Mono<Void> attempt(Due due) {
        int attempt = due.attempts() + 1;
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return Mono.fromCallable(() -> "t=" + timestamp + ",v1=" + sign(secrets.open(due.sealedSecret(),
                        SecretBox.alertBinding(due.accountId())),
                        timestamp + "." + due.body()))
                .flatMap(signature -> http.post().uri(due.url())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(SIGNATURE_HEADER, signature)
                        .bodyValue(due.body())
                        .exchangeToMono(response -> response.releaseBody()
                                .thenReturn(response.statusCode().value())))
                .map(status -> new Outcome(status, status >= 200 && status < 300 ? null : "HTTP " + status))
                .onErrorResume(e -> Mono.just(new Outcome(null, e.toString())))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(outcome -> record(due, attempt, outcome))
                .then();
    }

    private void record(Due due, int attempt, Outcome outcome) {
        String error = outcome.error();
        jdbc.update("""
                INSERT INTO webhook_attempt (event_id, attempt, attempted_at, status_code, error)
                VALUES (?, ?, now(), ?, ?) ON CONFLICT DO NOTHING""",
                due.eventId(), attempt, outcome.status(), error == null || error.length() <= ERROR_LENGTH ? error
                        : error.substring(0, ERROR_LENGTH));
        String next = error == null ? "DELIVERED" : attempt >= properties.maxAttempts() ? "FAILED" : "PENDING";
        long waitMillis = properties.retryBase().toMillis() << Math.min(attempt - 1, MAX_DOUBLINGS);
        jdbc.update("""
                UPDATE webhook_delivery
                SET attempts = ?, status = ?, next_attempt_at = now() + ? * INTERVAL '1 millisecond'
                WHERE event_id = ?""", attempt, next, waitMillis, due.eventId());
        if ("PENDING".equals(next)) {
            Instant retry = Instant.now().plusMillis(waitMillis);
            nextRound = retry.isBefore(nextRound) ? retry : nextRound;
        }
    }

    private static String sign(String secret, String signed) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @PreDestroy
    void stop() {
        loop.dispose();
    }
}
