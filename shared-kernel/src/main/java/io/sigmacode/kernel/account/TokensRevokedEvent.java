package io.sigmacode.kernel.account;

/** The balance shrinks by {@code tokens}; it may go below zero when the tokens were already spent. */
public record TokensRevokedEvent(String accountId, String paymentId, long tokens, RevocationReason reason) {
}
