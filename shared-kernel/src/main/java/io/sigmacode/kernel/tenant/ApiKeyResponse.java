package io.sigmacode.kernel.tenant;

import java.util.Set;

public record ApiKeyResponse(String keyId, String tenantId, String appId, String name, Set<Role> roles, String keyPrefix,
                             boolean revoked) {
    public ApiKeyResponse {
        roles = Set.copyOf(roles);
    }
}
