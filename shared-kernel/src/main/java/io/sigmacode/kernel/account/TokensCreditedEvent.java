package io.sigmacode.kernel.account;

public record TokensCreditedEvent(String accountId, String creditId, long tokens, CreditSource source, String reason) {
}
