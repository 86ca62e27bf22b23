package io.sigmacode.kernel.billing;

/** {@code status} is WON or LOST; a closed dispute never opens again. */
public record DisputeClosedEvent(String paymentId, String disputeId, long amountMinor, String currency,
                                 DisputeStatus status) {
}
