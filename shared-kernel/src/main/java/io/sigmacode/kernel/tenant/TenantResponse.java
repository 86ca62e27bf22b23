package io.sigmacode.kernel.tenant;

public record TenantResponse(String tenantId, String accountId, String name) {
}
