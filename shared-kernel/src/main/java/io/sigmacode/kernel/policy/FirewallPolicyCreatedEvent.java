package io.sigmacode.kernel.policy;

/** A tenant's policy stream starts with the tenant: until it publishes a version, the platform default applies. */
public record FirewallPolicyCreatedEvent(String tenantId) {
}
