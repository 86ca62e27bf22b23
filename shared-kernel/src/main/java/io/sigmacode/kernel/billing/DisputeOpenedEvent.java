package io.sigmacode.kernel.billing;

public record DisputeOpenedEvent(String paymentId, String disputeId, long amountMinor, String currency) {
}
