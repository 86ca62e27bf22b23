package io.sigmacode.command.policy;

import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.firewall.InvalidPolicyException;
import io.sigmacode.kernel.error.CommandRefusedException;
import io.sigmacode.kernel.error.RefusalCode;
import io.sigmacode.kernel.firewall.FirewallPolicyDocument;
import io.sigmacode.kernel.policy.FirewallPolicyCreatedEvent;
import io.sigmacode.kernel.policy.FirewallPolicyPublishedEvent;
import io.sigmacode.kernel.policy.PublishFirewallPolicyCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's firewall policy as a series of published versions. A document is compiled before it is published, so
 * an invalid one (bad regex, unknown category) is refused and the version in force stays as it was.
 */
@Aggregate
public class FirewallPolicy {

    @AggregateIdentifier
    private String policyId;
    private String tenantId;
    private int version;

    protected FirewallPolicy() {
    }

    /** Not a command handler: the policy stream is opened by {@code TenantOnboarding} with the tenant. */
    public FirewallPolicy(String tenantId) {
        apply(new FirewallPolicyCreatedEvent(tenantId));
    }

    @CommandHandler
    void handle(PublishFirewallPolicyCommand command, FirewallEngine engine) {
        if (command.document() == null) {
            throw new CommandRefusedException(RefusalCode.INVALID, "a policy document is required");
        }
        int next = version + 1;
        var doc = command.document();
        var published = new FirewallPolicyDocument(next, doc.actions(), doc.customRules(), doc.maskAndRestore(),
                doc.limits());
        try {
            engine.compile(published);
        } catch (InvalidPolicyException e) {
            throw new CommandRefusedException(RefusalCode.INVALID, e.getMessage());
        }
        apply(new FirewallPolicyPublishedEvent(tenantId, next, published));
    }

    @EventSourcingHandler
    void on(FirewallPolicyCreatedEvent event) {
        policyId = PublishFirewallPolicyCommand.policyId(event.tenantId());
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(FirewallPolicyPublishedEvent event) {
        version = event.version();
    }
}
