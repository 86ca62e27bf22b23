package io.sigmacode.kernel.policy;

import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes a new version of a tenant's policy; the document's own version number is ignored and assigned. */
public record PublishFirewallPolicyCommand(String tenantId, FirewallPolicyDocument document) {

    /** Aggregate ids share one namespace in the event store, so the policy's differs from its tenant's. */
    public static String policyId(String tenantId) {
        return tenantId + "/firewall-policy";
    }

    @TargetAggregateIdentifier
    public String policyId() {
        return policyId(tenantId);
    }
}
