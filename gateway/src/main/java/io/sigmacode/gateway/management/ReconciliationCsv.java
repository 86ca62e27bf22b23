package io.sigmacode.gateway.management;

import io.sigmacode.kernel.finance.ReconciledPayment;
import io.sigmacode.kernel.finance.ReconciliationMismatch;
import io.sigmacode.kernel.finance.ReconciliationResponse;

/**
 * RFC 4180 CSV of a reconciliation: one {@code payment} row per payment, then one {@code mismatch} row per
 * mismatch. Details are free text, so every field is quoted.
 */
final class ReconciliationCsv {

    private static final String HEADER = "record,kind,reference,tenant_id,account_id,package_id,price_book_version,"
            + "tokens,amount_minor,currency,refunded_minor,credited_tokens,revoked_tokens,paid_at,detail\r\n";

    private ReconciliationCsv() {
    }

    static String render(ReconciliationResponse report) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (ReconciledPayment p : report.payments()) {
            row(csv, "payment", "stripe", p.paymentId(), p.tenantId(), p.accountId(), p.packageId(),
                    p.priceBookVersion(), p.tokens(), p.amountMinor(), p.currency(), p.refundedMinor(),
                    p.creditedTokens(), p.refundRevokedTokens() + p.disputeRevokedTokens(), p.paidAt(), "");
        }
        for (ReconciliationMismatch m : report.mismatches()) {
            row(csv, "mismatch", m.kind(), m.reference(), null, m.accountId(), null, null, null, null, null, null,
                    null, null, null, m.detail());
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            if (fields[i] != null) {
                csv.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        csv.append("\r\n");
    }
}
