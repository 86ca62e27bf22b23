package io.sigmacode.gateway.management;

import io.sigmacode.kernel.tenant.Role;

import java.util.Arrays;
import java.util.Set;

/** Who is calling a management API: the platform admin (bootstrap token) or a key of one tenant. */
record Caller(String tenantId, Set<Role> roles) {

    static final Caller PLATFORM_ADMIN = new Caller(null, Set.of(Role.PLATFORM_ADMIN));

    boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    /** A key of another tenant learns nothing, not even that the tenant exists. */
    boolean mayAccess(String tenant, Role... anyOf) {
        return isPlatformAdmin()
                || (tenant != null && tenant.equals(tenantId) && Arrays.stream(anyOf).anyMatch(roles::contains));
    }
}
