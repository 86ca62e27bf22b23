package io.sigmacode.kernel.tenant;

public record FindTenantQuery(String tenantId) {
}
