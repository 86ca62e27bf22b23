package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** The raw key never reaches the command side: only its hash and a short prefix to recognise it by. */
public record IssueApiKeyCommand(@TargetAggregateIdentifier String tenantId, String keyId, String name, String appId,
                                 Set<Role> roles, String keyHash, String keyPrefix) {
    public IssueApiKeyCommand {
        roles = Set.copyOf(roles);
    }
}
