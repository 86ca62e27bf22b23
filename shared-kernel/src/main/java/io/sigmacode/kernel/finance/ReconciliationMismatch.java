package io.sigmacode.kernel.finance;

/**
 * Something finance must look at. {@code kind}: {@code payment_without_credit}, {@code credit_without_payment},
 * {@code amount_differs}, {@code amount_differs_from_price}, {@code refund_not_revoked},
 * {@code dispute_not_revoked}, {@code refund_without_purchase}, {@code unmatched_event}.
 */
public record ReconciliationMismatch(String kind, String reference, String accountId, String detail) {
}
