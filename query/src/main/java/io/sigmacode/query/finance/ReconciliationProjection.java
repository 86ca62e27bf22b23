package io.sigmacode.query.finance;

import io.sigmacode.kernel.account.TokenPackagePurchasedEvent;
import io.sigmacode.kernel.account.TokensRevokedEvent;
import io.sigmacode.kernel.billing.CheckoutPaidEvent;
import io.sigmacode.kernel.billing.DisputeClosedEvent;
import io.sigmacode.kernel.billing.DisputeOpenedEvent;
import io.sigmacode.kernel.billing.PaymentRefundedEvent;
import io.sigmacode.query.support.BatchedWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Stripe payments (from their own stream) and the accounts' purchases and revocations, side by side for finance.
 * Every write sets values or keeps the larger one, so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup(ReconciliationProjection.NAME)
class ReconciliationProjection {

    static final String NAME = "reconciliation";

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;

    ReconciliationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = new BatchedWriter(jdbc, NAME);
    }

    @EventHandler
    void on(CheckoutPaidEvent event, @Timestamp Instant at) {
        writer.write("""
                INSERT INTO stripe_payment_view (payment_id, session_id, account_id, package_id, price_book_version,
                    tokens, amount_minor, currency, paid_at, first_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (payment_id) DO UPDATE SET session_id = EXCLUDED.session_id,
                    account_id = EXCLUDED.account_id, package_id = EXCLUDED.package_id,
                    price_book_version = EXCLUDED.price_book_version, tokens = EXCLUDED.tokens,
                    amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency, paid_at = EXCLUDED.paid_at""",
                event.paymentId(), event.sessionId(), event.accountId(), event.packageId(), event.priceBookVersion(),
                event.tokens(), event.amountMinor(), event.currency(), utc(at), utc(at));
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @Timestamp Instant at) {
        writer.write("""
                INSERT INTO stripe_payment_view (payment_id, refunded_minor, currency, first_seen_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (payment_id) DO UPDATE
                SET refunded_minor = GREATEST(stripe_payment_view.refunded_minor, EXCLUDED.refunded_minor)""",
                event.paymentId(), event.amountRefundedMinor(), event.currency(), utc(at));
    }

    @EventHandler
    void on(DisputeOpenedEvent event, @Timestamp Instant at) {
        seen(event.paymentId(), at);
        writer.write("""
                INSERT INTO stripe_dispute_view (dispute_id, payment_id, amount_minor, currency, status)
                VALUES (?, ?, ?, ?, 'OPEN') ON CONFLICT (dispute_id) DO NOTHING""",
                event.disputeId(), event.paymentId(), event.amountMinor(), event.currency());
    }

    /** A closing replaces the opening; the aggregate never opens a dispute it closed. */
    @EventHandler
    void on(DisputeClosedEvent event, @Timestamp Instant at) {
        seen(event.paymentId(), at);
        writer.write("""
                INSERT INTO stripe_dispute_view (dispute_id, payment_id, amount_minor, currency, status)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (dispute_id) DO UPDATE
                SET status = EXCLUDED.status, amount_minor = EXCLUDED.amount_minor""",
                event.disputeId(), event.paymentId(), event.amountMinor(), event.currency(), event.status().name());
    }

    @EventHandler
    void on(TokenPackagePurchasedEvent event, @Timestamp Instant at) {
        writer.write("""
                INSERT INTO purchase_credit_view (credit_id, account_id, session_id, payment_intent_id, package_id,
                    price_book_version, tokens, amount_minor, currency, credited_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credit_id) DO NOTHING""",
                event.creditId(), event.accountId(), event.sessionId(), event.paymentIntentId(), event.packageId(),
                event.priceBookVersion(), event.tokens(), event.amountMinor(), event.currency(), utc(at));
    }

    @EventHandler
    void on(TokensRevokedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        writer.write("""
                INSERT INTO payment_revocation_view (event_id, account_id, payment_id, tokens, reason, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                message.getIdentifier(), event.accountId(), event.paymentId(), event.tokens(),
                event.reason().name(), utc(at));
    }

    private void seen(String paymentId, Instant at) {
        writer.write("""
                INSERT INTO stripe_payment_view (payment_id, first_seen_at) VALUES (?, ?)
                ON CONFLICT (payment_id) DO NOTHING""", paymentId, utc(at));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE stripe_payment_view, stripe_dispute_view, purchase_credit_view, "
                + "payment_revocation_view");
    }
}
