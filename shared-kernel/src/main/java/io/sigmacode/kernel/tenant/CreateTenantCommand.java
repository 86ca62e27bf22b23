package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a tenant together with its prepaid account, in one transaction. */
public record CreateTenantCommand(@TargetAggregateIdentifier String tenantId, String accountId, String name) {
}
