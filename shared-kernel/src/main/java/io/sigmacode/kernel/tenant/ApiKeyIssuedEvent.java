package io.sigmacode.kernel.tenant;

import java.util.Set;

public record ApiKeyIssuedEvent(String tenantId, String keyId, String name, String appId, Set<Role> roles,
                                String keyHash, String keyPrefix) {
    public ApiKeyIssuedEvent {
        roles = Set.copyOf(roles);
    }
}
