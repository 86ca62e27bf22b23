package io.sigmacode.kernel.tenant;

public record TenantCreatedEvent(String tenantId, String accountId, String name) {
}
