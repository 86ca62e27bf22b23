package io.sigmacode.kernel.tenant;

import java.util.List;
import java.util.Set;

/** Everything the proxy needs to know about a presented key, in one read; {@code canaries} are its app's. */
public record ApiKeyPrincipal(String keyId, String tenantId, String accountId, String appId, AppMode appMode,
                              String sealedDifyKey, Set<Role> roles, boolean revoked, List<String> canaries) {
    public ApiKeyPrincipal {
        roles = Set.copyOf(roles);
        canaries = canaries == null ? List.of() : List.copyOf(canaries);
    }
}
