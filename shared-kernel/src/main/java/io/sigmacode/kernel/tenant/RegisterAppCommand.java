package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code sealedDifyKey} is the Dify app key encrypted by the gateway: no secret enters the event store in clear. */
public record RegisterAppCommand(@TargetAggregateIdentifier String tenantId, String appId, String name, AppMode mode,
                                 String sealedDifyKey) {
}
