package io.sigmacode.kernel.account;

/**
 * Tokens bought through Stripe Checkout, with the money that paid for them in minor units. It is the credit itself
 * (the balance grows by {@code tokens}); {@code creditId} is {@code stripe:<session id>}.
 */
public record TokenPackagePurchasedEvent(String accountId, String creditId, String sessionId, String paymentIntentId,
                                         String packageId, int priceBookVersion, long tokens, long amountMinor,
                                         String currency) {
}
