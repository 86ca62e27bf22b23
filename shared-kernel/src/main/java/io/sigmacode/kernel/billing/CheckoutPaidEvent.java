package io.sigmacode.kernel.billing;

/** The payment's Checkout session was paid; the account named here is credited in the same transaction. */
public record CheckoutPaidEvent(String paymentId, String sessionId, String paymentIntentId, String accountId,
                                String packageId, int priceBookVersion, long tokens, long amountMinor,
                                String currency) {
}
