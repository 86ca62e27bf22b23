package io.sigmacode.kernel.account;

public record HeldTokensReleasedEvent(String accountId, String paymentId, long tokens) {
}
