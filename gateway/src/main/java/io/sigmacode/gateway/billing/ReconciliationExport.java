package io.sigmacode.gateway.billing;

import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.kernel.finance.ReconciledPayment;
import io.sigmacode.kernel.finance.ReconciliationMismatch;
import io.sigmacode.kernel.finance.RevenueRow;
import io.sigmacode.kernel.finance.TenantTotals;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reconciliation of one period, streamed from the finance views: payments by when they were paid, credits by when
 * they were made, token movements from the ledger. Payments and usage rows are read through cursors and written as
 * they come; only what is derived from them is held (the mismatches found, revenue per tenant, package and
 * currency), so a period of a million payments costs memory in proportion to its mismatches, not its payments.
 */
@Component
public class ReconciliationExport {

    private static final String PAYMENTS = """
            SELECT p.payment_id, p.session_id, t.tenant_id, p.account_id, p.package_id, p.price_book_version,
                p.tokens, p.amount_minor, p.currency, p.refunded_minor,
                COALESCE((SELECT SUM(d.amount_minor) FROM stripe_dispute_view d
                          WHERE d.payment_id = p.payment_id AND d.status = 'OPEN'), 0),
                COALESCE((SELECT SUM(d.amount_minor) FROM stripe_dispute_view d
                          WHERE d.payment_id = p.payment_id AND d.status = 'LOST'), 0),
                c.tokens, c.amount_minor,
                COALESCE((SELECT SUM(r.tokens) FROM payment_revocation_view r
                          WHERE r.payment_id = p.payment_id AND r.reason = 'REFUND'), 0),
                COALESCE((SELECT SUM(r.tokens) FROM payment_revocation_view r
                          WHERE r.payment_id = p.payment_id AND r.reason = 'DISPUTE_LOST'), 0),
                p.paid_at
            FROM stripe_payment_view p
            LEFT JOIN purchase_credit_view c ON c.session_id = p.session_id
            LEFT JOIN tenant_view t ON t.account_id = p.account_id
            WHERE p.paid_at >= ? AND p.paid_at < ? AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
            ORDER BY p.paid_at, p.payment_id""";
    private static final String USAGE = """
            SELECT t.tenant_id, l.account_id,
                COALESCE(SUM(l.tokens) FILTER (WHERE l.kind = 'CREDIT'), 0),
                COALESCE(-SUM(l.tokens) FILTER (WHERE l.kind = 'DEBIT'), 0),
                COALESCE(-SUM(l.tokens) FILTER (WHERE l.kind = 'REVOCATION'), 0)
            FROM ledger_entry l JOIN tenant_view t ON t.account_id = l.account_id
            WHERE l.kind IN ('CREDIT', 'DEBIT', 'REVOCATION') AND l.occurred_at >= ? AND l.occurred_at < ?
                AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
            GROUP BY t.tenant_id, l.account_id ORDER BY t.tenant_id, l.account_id""";
    private static final String CREDITS_WITHOUT_PAYMENT = """
            SELECT c.credit_id, c.account_id, c.tokens, c.amount_minor, c.currency FROM purchase_credit_view c
            LEFT JOIN stripe_payment_view p ON p.session_id = c.session_id
            LEFT JOIN tenant_view t ON t.account_id = c.account_id
            WHERE p.payment_id IS NULL AND c.credited_at >= ? AND c.credited_at < ?
                AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
            ORDER BY c.credited_at, c.credit_id""";
    private static final String REFUNDS_WITHOUT_PURCHASE = """
            SELECT payment_id, refunded_minor, currency FROM stripe_payment_view
            WHERE paid_at IS NULL AND first_seen_at >= ? AND first_seen_at < ? AND CAST(? AS VARCHAR) IS NULL
            ORDER BY first_seen_at, payment_id""";
    private static final String UNMATCHED_EVENTS = """
            SELECT e.event_id, e.account_id, e.type, e.detail FROM stripe_event e
            LEFT JOIN tenant_view t ON t.account_id = e.account_id
            WHERE e.outcome = 'unmatched' AND e.received_at >= ? AND e.received_at < ?
                AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
            ORDER BY e.received_at, e.event_id""";

    private final DataSource dataSource;
    private final PriceBooks books;

    ReconciliationExport(DataSource dataSource, PriceBooks books) {
        this.dataSource = dataSource;
        this.books = books;
    }

    /** {@code tenantId} null: every tenant (refunds without a purchase name no tenant, so only then). */
    public Report report(Instant from, Instant to, String tenantId) {
        return new Report(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), tenantId);
    }

    /**
     * One export. Its parts are meant to be read in order, each after the one before has ended: revenue and the
     * mismatches of payments are gathered while the payments pass.
     */
    public final class Report {

        private final OffsetDateTime from;
        private final OffsetDateTime to;
        private final String tenant;
        private final List<ReconciliationMismatch> paymentMismatches = new ArrayList<>();
        private final TreeMap<String, RevenueRow> revenue = new TreeMap<>();

        private Report(OffsetDateTime from, OffsetDateTime to, String tenant) {
            this.from = from;
            this.to = to;
            this.tenant = tenant;
        }

        public Flux<ReconciledPayment> payments() {
            return JdbcCursor.rows(dataSource, PAYMENTS, ReconciliationExport::payment, from, to, tenant, tenant)
                    .doOnNext(this::take);
        }

        /** Per tenant, package and currency, in that order. */
        public Flux<RevenueRow> revenue() {
            return Flux.defer(() -> Flux.fromIterable(revenue.values()));
        }

        public Flux<TenantTotals> usage() {
            return JdbcCursor.rows(dataSource, USAGE, (rs, n) -> new TenantTotals(rs.getString(1), rs.getString(2),
                    rs.getLong(3), rs.getLong(4), rs.getLong(5)), from, to, tenant, tenant);
        }

        public Flux<ReconciliationMismatch> mismatches() {
            return Flux.concat(Flux.defer(() -> Flux.fromIterable(paymentMismatches)),
                    JdbcCursor.rows(dataSource, CREDITS_WITHOUT_PAYMENT, (rs, n) -> new ReconciliationMismatch(
                            "credit_without_payment", rs.getString(1), rs.getString(2), rs.getLong(3)
                            + " tokens credited for " + rs.getLong(4) + " " + rs.getString(5)
                            + " minor units, no paid session on record"), from, to, tenant, tenant),
                    JdbcCursor.rows(dataSource, REFUNDS_WITHOUT_PURCHASE, (rs, n) -> new ReconciliationMismatch(
                            "refund_without_purchase", rs.getString(1), null, "refunds or disputes ("
                            + rs.getLong(2) + " " + rs.getString(3) + " refunded) but no paid session yet"),
                            from, to, tenant),
                    JdbcCursor.rows(dataSource, UNMATCHED_EVENTS, (rs, n) -> new ReconciliationMismatch(
                            "unmatched_event", rs.getString(1), rs.getString(2), rs.getString(3) + ": "
                            + rs.getString(4)), from, to, tenant, tenant));
        }

        private void take(ReconciledPayment p) {
            PaymentChecks.check(p, books, paymentMismatches);
            String key = p.tenantId() + "\0" + p.packageId() + "\0" + p.currency();
            RevenueRow row = revenue.getOrDefault(key, new RevenueRow(String.valueOf(p.tenantId()),
                    String.valueOf(p.packageId()), String.valueOf(p.currency()), 0, 0, 0));
            revenue.put(key, new RevenueRow(row.tenantId(), row.packageId(), row.currency(), row.payments() + 1,
                    row.amountMinor() + p.amountMinor(), row.refundedMinor() + p.refundedMinor()));
        }
    }

    private static ReconciledPayment payment(ResultSet rs, int row) throws SQLException {
        long creditedTokens = rs.getLong(13);
        Long credited = rs.wasNull() ? null : creditedTokens;
        long creditedMinor = rs.getLong(14);
        Long creditedAmount = rs.wasNull() ? null : creditedMinor;
        return new ReconciledPayment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), credited, creditedAmount, rs.getLong(15), rs.getLong(16),
                rs.getTimestamp(17).toInstant());
    }
}
