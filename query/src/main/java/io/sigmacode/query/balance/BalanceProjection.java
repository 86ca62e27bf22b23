package io.sigmacode.query.balance;

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
import io.sigmacode.query.support.BatchedWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Balances and the ledger behind them. Each account row remembers the last event sequence it applied, so an event
 * that arrives twice changes nothing; each ledger row is keyed by its event id for the same reason.
 */
@Component
@ProcessingGroup(BalanceProjection.NAME)
class BalanceProjection {

    static final String NAME = "balance";

    private static final String CHANGE = """
            UPDATE account_balance SET balance = balance + ?, reserved = reserved + ?, held = held + ?,
                last_sequence = ?, updated_at = ?
            WHERE account_id = ? AND last_sequence < ?""";
    private static final String LEDGER = """
            INSERT INTO ledger_entry
                (event_id, account_id, sequence, occurred_at, kind, reference, tokens, balance, reserved, held)
            SELECT ?, account_id, ?, ?, ?, ?, ?, balance, reserved, held FROM account_balance WHERE account_id = ?
            ON CONFLICT (event_id) DO NOTHING""";

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;

    BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = new BatchedWriter(jdbc, NAME);
    }

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writer.write("""
                INSERT INTO account_balance (account_id, tenant_id, balance, reserved, overdraft, last_sequence, updated_at)
                VALUES (?, ?, 0, 0, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING""",
                event.accountId(), event.tenantId(), event.overdraftLimit(), sequence, utc(at));
    }

    @EventHandler
    void on(TokensCreditedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "CREDIT", event.creditId(), event.tokens(), 0, 0);
    }

    @EventHandler
    void on(TokensReservedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "RESERVE", event.callId(), 0, event.tokens(), 0);
    }

    @EventHandler
    void on(TokensDebitedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "DEBIT", event.callId(), -event.tokens(),
                -event.fromReservation(), 0);
    }

    /** A correction of a debit keeps the call id as its reference, like the debit it corrects. */
    @EventHandler
    void on(DebitCorrectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "CORRECTION", event.callId(), event.balanceChange(), 0, 0);
    }

    @EventHandler
    void on(ReservationReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "RELEASE", event.callId(), 0, -event.tokens(), 0);
    }

    /** A Stripe purchase is a credit like a grant; its reference {@code stripe:<session>} names the source. */
    @EventHandler
    void on(TokenPackagePurchasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "CREDIT", event.creditId(), event.tokens(), 0, 0);
    }

    @EventHandler
    void on(TokensRevokedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "REVOCATION", event.paymentId(), -event.tokens(), 0, 0);
    }

    @EventHandler
    void on(TokensHeldEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "HOLD", event.paymentId(), 0, 0, event.tokens());
    }

    @EventHandler
    void on(HeldTokensReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            EventMessage<?> message) {
        change(message, event.accountId(), sequence, at, "HOLD_RELEASE", event.paymentId(), 0, 0, -event.tokens());
    }

    private void change(EventMessage<?> message, String accountId, long sequence, Instant at, String kind,
                        String reference, long balanceDelta, long reservedDelta, long heldDelta) {
        writer.write(CHANGE, balanceDelta, reservedDelta, heldDelta, sequence, utc(at), accountId, sequence);
        long tokens = balanceDelta != 0 ? balanceDelta : reservedDelta != 0 ? reservedDelta : heldDelta;
        writer.write(LEDGER, message.getIdentifier(), sequence, utc(at), kind, reference, tokens, accountId);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE account_balance, ledger_entry");
    }
}
