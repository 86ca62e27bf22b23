package io.sigmacode.kernel.tenant;

import java.time.Instant;
import java.util.Set;

/** {@code expiresAt} is null for a key that never expires. */
public record ApiKeyResponse(String keyId, String tenantId, String appId, String name, Set<Role> roles,
                             String keyPrefix, boolean revoked, Instant expiresAt) {
    public ApiKeyResponse {
        roles = Set.copyOf(roles);
    }
}
