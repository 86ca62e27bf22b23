package io.sigmacode.command.tenant;

import io.sigmacode.kernel.tenant.Role;

import java.time.Instant;
import java.util.Set;

/** What the tenant remembers of a key it issued: enough to rotate it and to refuse acting on a dead one. */
record IssuedKey(String name, String appId, Set<Role> roles, Instant expiresAt, boolean revoked) {

    boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }

    IssuedKey until(Instant validUntil) {
        return new IssuedKey(name, appId, roles, validUntil, revoked);
    }

    IssuedKey revoke() {
        return new IssuedKey(name, appId, roles, expiresAt, true);
    }
}
