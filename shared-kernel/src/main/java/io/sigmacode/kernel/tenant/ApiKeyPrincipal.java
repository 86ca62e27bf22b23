package io.sigmacode.kernel.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything the gateway needs to know about a presented key, in one read; {@code canaries} are its app's.
 * {@code expiresAt} is null for a key that never expires.
 */
public record ApiKeyPrincipal(String keyId, String tenantId, String accountId, String appId, AppMode appMode,
                              String sealedDifyKey, Set<Role> roles, boolean revoked, List<String> canaries,
                              Instant expiresAt) {
    public ApiKeyPrincipal {
        roles = Set.copyOf(roles);
        canaries = canaries == null ? List.of() : List.copyOf(canaries);
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }
}
