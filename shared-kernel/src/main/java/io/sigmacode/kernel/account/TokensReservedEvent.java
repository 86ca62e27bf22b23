package io.sigmacode.kernel.account;

public record TokensReservedEvent(String accountId, String callId, long tokens) {
}
