package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credits a paid Stripe Checkout session's package. Sent only by the session's payment (see {@code StripePayment}),
 * which credits a session once; the account therefore keeps no set of session ids in its snapshot.
 */
public record CreditPurchasedTokensCommand(@TargetAggregateIdentifier String accountId, String sessionId,
                                           String paymentIntentId, String packageId, int priceBookVersion,
                                           long tokens, long amountMinor, String currency) {
}
