package io.sigmacode.gateway.billing;

import io.sigmacode.kernel.account.AccountOpenedEvent;
import io.sigmacode.kernel.account.DebitCorrectedEvent;
import io.sigmacode.kernel.account.HeldTokensReleasedEvent;
import io.sigmacode.kernel.account.ReservationReleasedEvent;
import io.sigmacode.kernel.account.TokenPackagePurchasedEvent;
import io.sigmacode.kernel.account.TokensCreditedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.account.TokensHeldEvent;
import io.sigmacode.kernel.account.TokensReservedEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Read your writes for money: after a grant or purchase is stored, waits (briefly) until the balance projection has
 * applied the account's latest balance event, so the next balance read shows it. When the projection is slower than
 * that, the answer carries the account position to wait for instead.
 */
@Component
public class BalanceVisibility {

    /** Long enough for a projection that is merely busy; a stalled one is reported, not waited for. */
    static final Duration PATIENCE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String[] BALANCE_EVENTS = Stream.of(AccountOpenedEvent.class, TokensCreditedEvent.class,
                    TokenPackagePurchasedEvent.class, TokensRevokedEvent.class, TokensHeldEvent.class,
                    HeldTokensReleasedEvent.class, TokensReservedEvent.class, TokensDebitedEvent.class,
                    ReservationReleasedEvent.class, DebitCorrectedEvent.class)
            .map(Class::getName).toArray(String[]::new);

    /** {@code position} is the account's event sequence the balance read must have reached. */
    public record Visibility(long position, boolean visible) {
    }

    private final JdbcTemplate jdbc;

    BalanceVisibility(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Mono<Visibility> await(String accountId) {
        return Mono.fromCallable(() -> jdbc.queryForList("""
                        SELECT sequence_number FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type = ANY (?)
                        ORDER BY sequence_number DESC LIMIT 1""", Long.class, accountId, BALANCE_EVENTS)
                        .stream().findFirst().orElse(-1L))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(position -> Mono.fromCallable(() -> applied(accountId) >= position)
                        .subscribeOn(Schedulers.boundedElastic())
                        .filter(Boolean::booleanValue)
                        .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                        .timeout(PATIENCE, Mono.just(false))
                        .map(visible -> new Visibility(position, visible)));
    }

    private long applied(String accountId) {
        return jdbc.queryForList("SELECT last_sequence FROM account_balance WHERE account_id = ?", Long.class,
                accountId).stream().findFirst().orElse(-1L);
    }
}
