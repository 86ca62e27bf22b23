package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unfreezes tokens held for a dispute that closed (won, or lost and revoked separately). */
public record ReleaseHeldTokensCommand(@TargetAggregateIdentifier String accountId, String paymentId, long tokens) {
}
