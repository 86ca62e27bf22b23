package io.sigmacode.firewall;

import io.sigmacode.kernel.firewall.CustomRules;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.firewall.ScanLimits;

/** Policy variations used across tests. */
final class Policies {

    private Policies() {
    }

    static FirewallPolicyDocument withLimits(ScanLimits limits) {
        FirewallPolicyDocument d = FirewallPolicyDocument.platformDefault();
        return new FirewallPolicyDocument(d.version(), d.actions(), d.customRules(), d.maskAndRestore(), limits);
    }

    static FirewallPolicyDocument withCustom(CustomRules rules) {
        FirewallPolicyDocument d = FirewallPolicyDocument.platformDefault();
        return new FirewallPolicyDocument(d.version(), d.actions(), rules, d.maskAndRestore(), d.limits());
    }

    static FirewallPolicyDocument maskAndRestore() {
        FirewallPolicyDocument d = FirewallPolicyDocument.platformDefault();
        return new FirewallPolicyDocument(d.version(), d.actions(), d.customRules(), true, d.limits());
    }
}
