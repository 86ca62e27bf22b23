package io.sigmacode.gateway.management;

import io.sigmacode.kernel.finance.ReconciledPayment;
import io.sigmacode.kernel.finance.ReconciliationMismatch;

/**
 * RFC 4180 CSV of a reconciliation: one {@code payment} row per payment, then one {@code mismatch} row per
 * mismatch. Details are free text, so every field is quoted.
 */
final class ReconciliationCsv {

    static final String HEADER = "record,kind,reference,tenant_id,account_id,package_id,price_book_version,"
            + "tokens,amount_minor,currency,refunded_minor,credited_tokens,revoked_tokens,paid_at,detail\r\n";

    private ReconciliationCsv() {
    }

    static String payment(ReconciledPayment p) {
        return row("payment", "stripe", p.paymentId(), p.tenantId(), p.accountId(), p.packageId(),
                p.priceBookVersion(), p.tokens(), p.amountMinor(), p.currency(), p.refundedMinor(),
                p.creditedTokens(), p.refundRevokedTokens() + p.disputeRevokedTokens(), p.paidAt(), "");
    }

    static String mismatch(ReconciliationMismatch m) {
        return row("mismatch", m.kind(), m.reference(), null, m.accountId(), null, null, null, null, null, null,
                null, null, null, m.detail());
    }

    private static String row(Object... fields) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            if (fields[i] != null) {
                csv.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        return csv.append("\r\n").toString();
    }
}
