package io.sigmacode.kernel.tenant;

import java.time.Instant;
import java.util.Set;

/** {@code expiresAt} is null for a key that never expires (and in every event written before keys could expire). */
public record ApiKeyIssuedEvent(String tenantId, String keyId, String name, String appId, Set<Role> roles,
                                String keyHash, String keyPrefix, Instant expiresAt) {
    public ApiKeyIssuedEvent {
        roles = Set.copyOf(roles);
    }
}
