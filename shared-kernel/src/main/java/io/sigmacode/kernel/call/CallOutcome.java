package io.sigmacode.kernel.call;

import io.sigmacode.kernel.firewall.FirewallCheck;
import io.sigmacode.kernel.pricing.Usage;

/**
 * How a call that reached Dify ended, as the gateway observed it: blocking, streamed and recovered calls all end in
 * one of these, and the account prices it. {@code reportedUsage} is what Dify said it used (null when it said
 * nothing); {@code estimatedUsage} is the gateway's estimate from the bytes it saw, used when the report is missing
 * or cannot be trusted. {@code failureCode} is null for a completed call; otherwise the call failed (cut, timed out,
 * Dify's own server error, lost) and is still charged, because Dify received it.
 */
public record CallOutcome(FirewallCheck postCheck, Usage reportedUsage, Usage estimatedUsage, UpstreamResult upstream,
                          int clientStatus, String failureCode, String failureMessage) {

    public static CallOutcome completed(FirewallCheck postCheck, Usage reportedUsage, Usage estimatedUsage,
                                       UpstreamResult upstream, int clientStatus) {
        return new CallOutcome(postCheck, reportedUsage, estimatedUsage, upstream, clientStatus, null, null);
    }

    public static CallOutcome failed(FirewallCheck postCheck, Usage reportedUsage, Usage estimatedUsage,
                                    UpstreamResult upstream, int clientStatus, String code, String message) {
        return new CallOutcome(postCheck, reportedUsage, estimatedUsage, upstream, clientStatus, code, message);
    }

    public boolean failed() {
        return failureCode != null;
    }
}
