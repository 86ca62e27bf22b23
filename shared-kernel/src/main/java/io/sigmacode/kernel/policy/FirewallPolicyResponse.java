package io.sigmacode.kernel.policy;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;

/** The policy in force for a tenant; {@code version} 0 is the platform default (the tenant never published one). */
public record FirewallPolicyResponse(String tenantId, int version, FirewallPolicyDocument document) {
}
