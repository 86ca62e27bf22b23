package io.sigmacode.kernel.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A refund of the payment's charge. {@code amountRefundedMinor} is Stripe's running total for the charge, so
 * deliveries in any order and any number come to the same result: the largest total seen wins.
 */
public record RecordChargeRefundedCommand(@TargetAggregateIdentifier String paymentId, String chargeId,
                                          long amountRefundedMinor, String currency) {
}
