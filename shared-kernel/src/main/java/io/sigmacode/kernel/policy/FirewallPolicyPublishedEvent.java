package io.sigmacode.kernel.policy;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;

/** {@code document.version()} equals {@code version}: the number every later verdict of this tenant names. */
public record FirewallPolicyPublishedEvent(String tenantId, int version, FirewallPolicyDocument document) {
}
