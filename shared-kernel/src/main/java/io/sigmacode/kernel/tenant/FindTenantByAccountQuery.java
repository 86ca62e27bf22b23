package io.sigmacode.kernel.tenant;

public record FindTenantByAccountQuery(String accountId) {
}
