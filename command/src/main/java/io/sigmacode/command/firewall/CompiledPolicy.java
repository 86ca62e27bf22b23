package io.sigmacode.command.firewall;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;

public record CompiledPolicy(FirewallPolicyDocument document) {
    public int version() {
        return document.version();
    }
}
