package io.sigmacode.kernel.billing;

/** Stripe's running refund total for the payment's charge grew to {@code amountRefundedMinor}. */
public record PaymentRefundedEvent(String paymentId, String chargeId, long amountRefundedMinor, String currency) {
}
