package io.sigmacode.query.finance;

import io.sigmacode.kernel.finance.FindReconciliationQuery;
import io.sigmacode.kernel.finance.ReconciledPayment;
import io.sigmacode.kernel.finance.ReconciliationMismatch;
import io.sigmacode.kernel.finance.ReconciliationResponse;
import io.sigmacode.kernel.finance.RevenueRow;
import io.sigmacode.kernel.finance.TenantTotals;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Reconciliation of one period: payments by when they were paid, credits by when they were made, token movements
 * from the ledger. Every expected figure is recomputed here the way the payment computes it (shares rounded down,
 * refunds before lost disputes, never more than was bought), so a difference is a real mismatch.
 */
@Component
class ReconciliationQueries {

    private final JdbcTemplate jdbc;

    ReconciliationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    ReconciliationResponse handle(FindReconciliationQuery query) {
        var from = utc(query.from());
        var to = utc(query.to());
        String tenant = query.tenantId();
        List<ReconciledPayment> payments = jdbc.query("""
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
                ORDER BY p.paid_at, p.payment_id""",
                ReconciliationQueries::payment, from, to, tenant, tenant);

        List<ReconciliationMismatch> mismatches = new ArrayList<>();
        payments.forEach(payment -> check(payment, mismatches));
        jdbc.query("""
                SELECT c.credit_id, c.account_id, c.tokens, c.amount_minor, c.currency FROM purchase_credit_view c
                LEFT JOIN stripe_payment_view p ON p.session_id = c.session_id
                LEFT JOIN tenant_view t ON t.account_id = c.account_id
                WHERE p.payment_id IS NULL AND c.credited_at >= ? AND c.credited_at < ?
                    AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
                ORDER BY c.credited_at, c.credit_id""",
                rs -> {
                    mismatches.add(new ReconciliationMismatch("credit_without_payment", rs.getString(1),
                            rs.getString(2), rs.getLong(3) + " tokens credited for " + rs.getLong(4) + " "
                            + rs.getString(5) + " minor units, no paid session on record"));
                }, from, to, tenant, tenant);
        if (tenant == null) {
            jdbc.query("""
                    SELECT payment_id, refunded_minor, currency FROM stripe_payment_view
                    WHERE paid_at IS NULL AND first_seen_at >= ? AND first_seen_at < ? ORDER BY first_seen_at""",
                    rs -> {
                        mismatches.add(new ReconciliationMismatch("refund_without_purchase", rs.getString(1), null,
                                "refunds or disputes (" + rs.getLong(2) + " " + rs.getString(3)
                                        + " refunded) but no paid session yet"));
                    }, from, to);
        }
        jdbc.query("""
                SELECT e.event_id, e.account_id, e.type, e.detail FROM stripe_event e
                LEFT JOIN tenant_view t ON t.account_id = e.account_id
                WHERE e.outcome = 'unmatched' AND e.received_at >= ? AND e.received_at < ?
                    AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
                ORDER BY e.received_at, e.event_id""",
                rs -> {
                    mismatches.add(new ReconciliationMismatch("unmatched_event", rs.getString(1), rs.getString(2),
                            rs.getString(3) + ": " + rs.getString(4)));
                }, from, to, tenant, tenant);
        return new ReconciliationResponse(query.from(), query.to(), payments, revenue(payments),
                usage(query, tenant), mismatches);
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

    private static void check(ReconciledPayment p, List<ReconciliationMismatch> mismatches) {
        if (p.creditedTokens() == null) {
            mismatches.add(new ReconciliationMismatch("payment_without_credit", p.paymentId(), p.accountId(),
                    "session " + p.sessionId() + " paid " + p.amountMinor() + " " + p.currency() + ", no credit"));
            return;
        }
        if (p.creditedTokens() != p.tokens() || p.creditedAmountMinor() != p.amountMinor()) {
            mismatches.add(new ReconciliationMismatch("amount_differs", p.paymentId(), p.accountId(),
                    "paid " + p.amountMinor() + " for " + p.tokens() + " tokens, credited " + p.creditedTokens()
                            + " tokens for " + p.creditedAmountMinor()));
        }
        long refund = Math.min(p.tokens(), share(p.tokens(), p.refundedMinor(), p.amountMinor()));
        if (refund != p.refundRevokedTokens()) {
            mismatches.add(new ReconciliationMismatch("refund_not_revoked", p.paymentId(), p.accountId(),
                    p.refundedMinor() + " refunded should revoke " + refund + " tokens, "
                            + p.refundRevokedTokens() + " revoked"));
        }
        long lost = Math.min(p.tokens() - refund, share(p.tokens(), p.lostDisputeMinor(), p.amountMinor()));
        if (lost != p.disputeRevokedTokens()) {
            mismatches.add(new ReconciliationMismatch("dispute_not_revoked", p.paymentId(), p.accountId(),
                    p.lostDisputeMinor() + " lost in disputes should revoke " + lost + " tokens, "
                            + p.disputeRevokedTokens() + " revoked"));
        }
    }

    private static long share(long tokens, long minor, long amountMinor) {
        if (amountMinor <= 0 || minor <= 0) {
            return 0;
        }
        return BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(minor))
                .divide(BigInteger.valueOf(amountMinor)).min(BigInteger.valueOf(tokens)).longValueExact();
    }

    private static List<RevenueRow> revenue(List<ReconciledPayment> payments) {
        Map<List<String>, long[]> rows = new LinkedHashMap<>();
        payments.stream()
                .sorted(Comparator.comparing((ReconciledPayment p) -> String.valueOf(p.tenantId()))
                        .thenComparing(p -> String.valueOf(p.packageId()))
                        .thenComparing(p -> String.valueOf(p.currency())))
                .forEach(p -> {
                    long[] sums = rows.computeIfAbsent(List.of(String.valueOf(p.tenantId()),
                            String.valueOf(p.packageId()), String.valueOf(p.currency())), key -> new long[3]);
                    sums[0]++;
                    sums[1] += p.amountMinor();
                    sums[2] += p.refundedMinor();
                });
        List<RevenueRow> revenue = new ArrayList<>();
        rows.forEach((key, sums) -> revenue.add(new RevenueRow(key.get(0), key.get(1), key.get(2), sums[0], sums[1],
                sums[2])));
        return revenue;
    }

    private List<TenantTotals> usage(FindReconciliationQuery query, String tenant) {
        return jdbc.query("""
                SELECT t.tenant_id, l.account_id,
                    COALESCE(SUM(l.tokens) FILTER (WHERE l.kind = 'CREDIT'), 0),
                    COALESCE(-SUM(l.tokens) FILTER (WHERE l.kind = 'DEBIT'), 0),
                    COALESCE(-SUM(l.tokens) FILTER (WHERE l.kind = 'REVOCATION'), 0)
                FROM ledger_entry l JOIN tenant_view t ON t.account_id = l.account_id
                WHERE l.kind IN ('CREDIT', 'DEBIT', 'REVOCATION') AND l.occurred_at >= ? AND l.occurred_at < ?
                    AND (CAST(? AS VARCHAR) IS NULL OR t.tenant_id = ?)
                GROUP BY t.tenant_id, l.account_id ORDER BY t.tenant_id""",
                (rs, n) -> new TenantTotals(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)),
                utc(query.from()), utc(query.to()), tenant, tenant);
    }
}
