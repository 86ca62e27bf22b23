package io.sigmacode.kernel.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A paid Checkout session, as Stripe reported it, with the package's tokens already looked up in the price book
 * version the session was sold under. {@code paymentId} is the payment intent (the session id when there is none).
 */
public record RecordCheckoutPaidCommand(@TargetAggregateIdentifier String paymentId, String sessionId,
                                        String paymentIntentId, String accountId, String packageId,
                                        int priceBookVersion, long tokens, long amountMinor, String currency) {
}
