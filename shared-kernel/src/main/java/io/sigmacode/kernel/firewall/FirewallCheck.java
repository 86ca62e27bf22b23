package io.sigmacode.kernel.firewall;

import java.util.List;

/** A recorded firewall verdict: what the policy version decided on one stage, how long it took, and why it failed closed. */
public record FirewallCheck(Stage stage, Verdict verdict, List<Finding> findings, int policyVersion, long scanMicros,
                            String reason) {
    public FirewallCheck {
        findings = List.copyOf(findings);
    }

    /** There was nothing to scan (no answer came back); {@code reason} says why. */
    public static FirewallCheck notScanned(Stage stage, String reason) {
        return new FirewallCheck(stage, Verdict.ALLOW, List.of(), 0, 0, reason);
    }
}
