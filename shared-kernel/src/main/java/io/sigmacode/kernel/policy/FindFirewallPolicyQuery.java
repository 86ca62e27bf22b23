package io.sigmacode.kernel.policy;

public record FindFirewallPolicyQuery(String tenantId) {
}
