package io.sigmacode.kernel.account;

/** {@code tokens} more are frozen: they stay in the balance but cannot be spent. */
public record TokensHeldEvent(String accountId, String paymentId, long tokens) {
}
