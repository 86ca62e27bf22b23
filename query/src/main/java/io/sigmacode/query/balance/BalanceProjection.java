package io.sigmacode.query.balance;

import io.sigmacode.kernel.account.AccountOpenedEvent;
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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Balances and the ledger behind them. Each account row remembers the last event sequence it applied, so an event
 * that arrives twice changes nothing; each ledger row is keyed by its event id for the same reason.
 *
 * <p>Each ledger row carries the running balance after its event. Reading it back from the account row after each
 * update cost two round trips per event; instead a batch reads each account it touches once, applies its events in
 * memory, and writes absolute values: the account updates go out as one JDBC batch and the ledger rows as another.
 * After a failed batch the writer runs statements one at a time ({@link BatchedWriter#careful()}); the rows are then
 * read for every event, so a statement that failed never leaves its change behind in memory.
 */
@Component
@ProcessingGroup(BalanceProjection.NAME)
class BalanceProjection {

    static final String NAME = "balance";

    private static final String OPEN = """
            INSERT INTO account_balance (account_id, tenant_id, balance, reserved, overdraft, last_sequence, updated_at)
            VALUES (?, ?, 0, 0, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING""";
    private static final String CHANGE = """
            UPDATE account_balance SET balance = ?, reserved = ?, held = ?, last_sequence = ?, updated_at = ?
            WHERE account_id = ? AND last_sequence < ?""";
    private static final String LEDGER = """
            INSERT INTO ledger_entry
                (event_id, account_id, sequence, occurred_at, kind, reference, tokens, balance, reserved, held)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""";
    private static final String ROWS = BalanceProjection.class.getName() + "/rows";

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;

    BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // an account is opened before it changes; its updates carry absolute values in event order
        this.writer = new BatchedWriter(jdbc, NAME, List.of(OPEN, CHANGE, LEDGER));
    }

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writer.write(OPEN, event.accountId(), event.tenantId(), event.overdraftLimit(), sequence, utc(at));
        Map<String, Row> rows = batchRows();
        if (rows != null && !rows.containsKey(event.accountId())) {
            Row stored = load(event.accountId());
            rows.put(event.accountId(), stored != null ? stored : new Row(0, 0, 0, sequence));
        }
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
        Map<String, Row> rows = batchRows();
        Row row = rows == null ? load(accountId) : rows.computeIfAbsent(accountId, this::load);
        if (row == null) {
            return; // an account this view never saw opened; the old update-then-select wrote nothing either
        }
        Row next = sequence > row.lastSequence() ? row.apply(accountId, balanceDelta, reservedDelta, heldDelta,
                sequence) : row;
        if (next != row) {
            writer.write(CHANGE, next.balance(), next.reserved(), next.held(), sequence, utc(at), accountId, sequence);
        }
        long tokens = balanceDelta != 0 ? balanceDelta : reservedDelta != 0 ? reservedDelta : heldDelta;
        writer.write(LEDGER, message.getIdentifier(), accountId, sequence, utc(at), kind, reference, tokens,
                next.balance(), next.reserved(), next.held());
        if (rows != null) {
            rows.put(accountId, next);
        }
    }

    /** The rows this batch has touched, or null when every statement runs at once (careful mode, no batch). */
    private Map<String, Row> batchRows() {
        if (writer.careful() || !CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(ROWS, key -> new HashMap<>());
    }

    private Row load(String accountId) {
        return jdbc.query("SELECT balance, reserved, held, last_sequence FROM account_balance WHERE account_id = ?",
                rs -> rs.next() ? new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)) : null,
                accountId);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE account_balance, ledger_entry");
    }

    private record Row(long balance, long reserved, long held, long lastSequence) {

        /** Fails the event (it goes to the dead letters) where PostgreSQL's BIGINT would have refused the sum. */
        Row apply(String accountId, long balanceDelta, long reservedDelta, long heldDelta, long sequence) {
            try {
                return new Row(Math.addExact(balance, balanceDelta), Math.addExact(reserved, reservedDelta),
                        Math.addExact(held, heldDelta), sequence);
            } catch (ArithmeticException e) {
                throw new ArithmeticException("the balance of account " + accountId + " is out of range");
            }
        }
    }
}
