package io.sigmacode.kernel.account;

public record AccountOpenedEvent(String accountId, String tenantId, long overdraftLimit) {
}
