package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds tokens to an account; {@code creditId} makes a repeated credit (a re-delivered purchase) a no-op. */
public record CreditTokensCommand(@TargetAggregateIdentifier String accountId, String creditId, long tokens,
                                  CreditSource source, String reason) {
}
