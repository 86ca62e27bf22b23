package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeApiKeyCommand(@TargetAggregateIdentifier String tenantId, String keyId) {
}
