package io.sigmacode.kernel.finance;

import java.time.Instant;

/**
 * One paid Stripe payment next to what the account recorded for it. Money in minor units of {@code currency};
 * {@code creditedTokens} and {@code creditedAmountMinor} are null when no credit exists.
 */
public record ReconciledPayment(String paymentId, String sessionId, String tenantId, String accountId,
                                String packageId, int priceBookVersion, long tokens, long amountMinor,
                                String currency, long refundedMinor, long openDisputeMinor, long lostDisputeMinor,
                                Long creditedTokens, Long creditedAmountMinor, long refundRevokedTokens,
                                long disputeRevokedTokens, Instant paidAt) {
}
