package io.sigmacode.gateway.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.gateway.config.AlertProperties;
import io.sigmacode.gateway.support.AfterCommit;
import io.sigmacode.gateway.support.Bus;
import io.sigmacode.kernel.account.CheckLowBalanceCommand;
import io.sigmacode.kernel.account.HeldTokensReleasedEvent;
import io.sigmacode.kernel.account.LowBalanceAlertSetEvent;
import io.sigmacode.kernel.account.LowBalanceReachedEvent;
import io.sigmacode.kernel.account.TokenPackagePurchasedEvent;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensHeldEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the balances of accounts that asked for low-balance alerts. The account decides whether a change crossed
 * its threshold (a {@link CheckLowBalanceCommand}, sent off the event processor's transaction, at most once per
 * account every {@code pollEvery}); each {@link LowBalanceReachedEvent} becomes a webhook delivery that
 * {@link AlertWebhooks} sends. Accounts without an alert cost nothing here.
 */
@Component
@ProcessingGroup(LowBalanceWatch.NAME)
class LowBalanceWatch {

    static final String NAME = "low-balance";
    private static final Logger LOG = LoggerFactory.getLogger(LowBalanceWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Bus bus;
    private final AlertWebhooks webhooks;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final Disposable checks;

    LowBalanceWatch(JdbcTemplate jdbc, Bus bus, AlertWebhooks webhooks, AlertProperties properties) {
        this.jdbc = jdbc;
        this.bus = bus;
        this.webhooks = webhooks;
        watched.addAll(jdbc.queryForList("SELECT account_id FROM low_balance_alert WHERE threshold > 0",
                String.class));
        checks = Flux.interval(properties.pollEvery(), properties.pollEvery(), Schedulers.boundedElastic())
                // a round slower than the interval skips ticks instead of ending the loop
                .onBackpressureDrop()
                .concatMap(tick -> checkChanged())
                .subscribe();
    }

    @EventHandler
    void on(LowBalanceAlertSetEvent event) {
        jdbc.update("""
                INSERT INTO low_balance_alert (account_id, threshold, url, sealed_secret) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET threshold = EXCLUDED.threshold, url = EXCLUDED.url,
                    sealed_secret = EXCLUDED.sealed_secret""",
                event.accountId(), event.threshold(), event.url(), event.sealedSecret());
        // At once, not after commit: the account's next debits may come in this same batch, and a change seen while
        // the account is not yet watched would be missed. Watching too early costs one check the account answers.
        if (event.threshold() > 0) {
            watched.add(event.accountId());
        } else {
            watched.remove(event.accountId());
        }
    }

    /** The delivery goes to the URL in force when the alert was raised, signed with the secret in force then. */
    @EventHandler
    void on(LowBalanceReachedEvent event, EventMessage<?> message, @Timestamp Instant at)
            throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.getIdentifier());
        body.put("type", "account.low_balance");
        body.put("accountId", event.accountId());
        body.put("threshold", event.threshold());
        body.put("available", event.available());
        body.put("occurredAt", at.toString());
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO webhook_delivery (event_id, account_id, url, body, status, next_attempt_at, created_at)
                SELECT ?, account_id, url, ?, 'PENDING', ?, ? FROM low_balance_alert
                WHERE account_id = ? AND url IS NOT NULL
                ON CONFLICT (event_id) DO NOTHING""",
                message.getIdentifier(), JSON.writeValueAsString(body), when, when, event.accountId());
        AfterCommit.run(webhooks::wake);
    }

    @EventHandler
    void on(TokensDebitedEvent event) {
        changed(event.accountId());
    }

    @EventHandler
    void on(TokensRevokedEvent event) {
        changed(event.accountId());
    }

    @EventHandler
    void on(TokensHeldEvent event) {
        changed(event.accountId());
    }

    @EventHandler
    void on(TokensCreditedEvent event) {
        changed(event.accountId());
    }

    @EventHandler
    void on(TokenPackagePurchasedEvent event) {
        changed(event.accountId());
    }

    @EventHandler
    void on(HeldTokensReleasedEvent event) {
        changed(event.accountId());
    }

    private void changed(String accountId) {
        if (watched.contains(accountId)) {
            AfterCommit.run(() -> changed.add(accountId));
        }
    }

    /** A failed check is tried again at the next tick: the account stays marked until its check succeeds. */
    private Mono<Void> checkChanged() {
        return Flux.fromIterable(new ArrayList<>(changed))
                .concatMap(accountId -> Mono.defer(() -> {
                    changed.remove(accountId);
                    return bus.send(new CheckLowBalanceCommand(accountId));
                }).then().onErrorResume(e -> {
                    LOG.warn("low-balance check of {} failed: {}", accountId, e.toString());
                    changed.add(accountId);
                    return Mono.empty();
                }))
                .then();
    }

    /** Deliveries and their attempts are history, not a view: a replay keeps them and adds no duplicates. */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE low_balance_alert");
        watched.clear();
    }

    @PreDestroy
    void stop() {
        checks.dispose();
    }
}
