package io.sigmacode.gateway.billing;

import io.sigmacode.gateway.pricing.PriceBooks;
import io.sigmacode.kernel.finance.ReconciledPayment;
import io.sigmacode.kernel.finance.ReconciliationMismatch;
import io.sigmacode.kernel.pricing.TokenPackage;

import java.math.BigInteger;
import java.util.List;

/**
 * What a payment should have done, recomputed the way the payment aggregate computes it (shares rounded down,
 * refunds before lost disputes, never more than was bought), and the price it should have had in the price book
 * version it was sold under; every difference is a mismatch.
 */
final class PaymentChecks {

    private PaymentChecks() {
    }

    static void check(ReconciledPayment p, PriceBooks books, List<ReconciliationMismatch> mismatches) {
        TokenPackage sold = books.version(p.priceBookVersion()).map(book -> book.tokenPackage(p.packageId()))
                .orElse(null);
        if (sold == null || sold.priceMinor() != p.amountMinor()
                || !sold.currency().equalsIgnoreCase(String.valueOf(p.currency()))) {
            mismatches.add(new ReconciliationMismatch("amount_differs_from_price", p.paymentId(), p.accountId(),
                    "paid " + p.amountMinor() + " " + p.currency() + " for " + p.packageId() + (sold == null
                    ? ", not in price book version " + p.priceBookVersion() : ", priced " + sold.priceMinor() + " "
                    + sold.currency() + " in version " + p.priceBookVersion())));
        }
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
}
