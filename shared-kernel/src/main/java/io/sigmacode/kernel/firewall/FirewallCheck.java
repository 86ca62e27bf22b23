package io.sigmacode.kernel.firewall;

import java.util.List;

/** A recorded firewall verdict: what the policy version decided on one stage, how long it took, and why it failed closed. */
public record FirewallCheck(Stage stage, Verdict verdict, List<Finding> findings, int policyVersion, long scanMicros,
                            String reason) {
    public FirewallCheck {
        findings = List.copyOf(findings);
    }
}
