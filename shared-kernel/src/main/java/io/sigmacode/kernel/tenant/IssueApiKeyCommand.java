package io.sigmacode.kernel.tenant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * The raw key never reaches the command side: only its hash and a short prefix to recognise it by.
 *
 * @param expiresAt when the key stops working; null: never
 * @param issuedAt  the caller's clock when it asked, so the tenant can refuse an expiry already past
 */
public record IssueApiKeyCommand(@TargetAggregateIdentifier String tenantId, String keyId, String name, String appId,
                                 Set<Role> roles, String keyHash, String keyPrefix, Instant expiresAt,
                                 Instant issuedAt) {
    public IssueApiKeyCommand {
        roles = Set.copyOf(roles);
    }
}
