package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the account whether its available tokens crossed its alert threshold since it was last asked. */
public record CheckLowBalanceCommand(@TargetAggregateIdentifier String accountId) {
}
