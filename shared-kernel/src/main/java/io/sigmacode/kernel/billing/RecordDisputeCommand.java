package io.sigmacode.kernel.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A dispute over the payment opened ({@link DisputeStatus#OPEN}) or closed (won or lost). */
public record RecordDisputeCommand(@TargetAggregateIdentifier String paymentId, String disputeId, long amountMinor,
                                   String currency, DisputeStatus status) {
}
