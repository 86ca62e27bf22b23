package io.sigmacode.gateway.management;

import io.sigmacode.gateway.support.Actor;
import io.sigmacode.kernel.tenant.Role;

import java.util.Set;

/**
 * Who is calling a management API: the platform admin (bootstrap token) or a key of one tenant.
 *
 * @param actor how the events of this caller's actions name it: {@code platform-admin} or {@code key:<keyId>}
 */
record Caller(String tenantId, Set<Role> roles, String actor) {

    static final Caller PLATFORM_ADMIN = new Caller(null, Set.of(Role.PLATFORM_ADMIN), Actor.PLATFORM_ADMIN);

    Caller {
        roles = Set.copyOf(roles);
    }

    boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    boolean holdsAnyOf(Set<Role> admitted) {
        return admitted.stream().anyMatch(roles::contains);
    }
}
