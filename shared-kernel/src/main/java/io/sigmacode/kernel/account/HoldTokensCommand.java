package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Freezes tokens while a dispute over the payment that bought them is open. */
public record HoldTokensCommand(@TargetAggregateIdentifier String accountId, String paymentId, long tokens) {
}
