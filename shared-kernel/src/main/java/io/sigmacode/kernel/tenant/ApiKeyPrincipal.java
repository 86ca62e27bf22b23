package io.sigmacode.kernel.tenant;

import java.util.Set;

/** Everything the proxy needs to know about a presented key, in one read. */
public record ApiKeyPrincipal(String keyId, String tenantId, String accountId, String appId, AppMode appMode,
                              String sealedDifyKey, Set<Role> roles, boolean revoked) {
    public ApiKeyPrincipal {
        roles = Set.copyOf(roles);
    }
}
