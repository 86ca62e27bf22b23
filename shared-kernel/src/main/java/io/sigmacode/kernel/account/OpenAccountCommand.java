package io.sigmacode.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenAccountCommand(@TargetAggregateIdentifier String accountId, String tenantId) {
}
