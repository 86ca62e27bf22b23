package io.sigmacode.kernel.call;

import io.sigmacode.kernel.firewall.FirewallCheck;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The first of a call's two event-store transactions: records the call and its pre-check, and reserves what the
 * price book charges for {@code assumedLlmTokens} unless the pre-check blocked or the account cannot afford it.
 * Answers a {@link CallAdmission}.
 */
public record StartCallCommand(@TargetAggregateIdentifier String accountId, String callId, CallDetails details,
                               FirewallCheck preCheck, long assumedLlmTokens) implements CallCommand {
}
