package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes back tokens a refund or a lost dispute paid back; sent once per change by the payment. */
public record RevokeTokensCommand(@TargetAggregateIdentifier String accountId, String paymentId, long tokens,
                                  RevocationReason reason) {
}
