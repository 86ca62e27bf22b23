package io.sigmacode.kernel.call;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The second transaction of a call that reached Dify: post-check verdict, debit of what the account prices the
 * outcome at, release of the rest of the reservation, outcome. Idempotent per call id.
 */
public record SettleCallCommand(@TargetAggregateIdentifier String accountId, String callId, CallOutcome outcome)
        implements CallCommand {
}
