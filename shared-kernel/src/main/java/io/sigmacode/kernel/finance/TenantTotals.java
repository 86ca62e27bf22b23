package io.sigmacode.kernel.finance;

/** A tenant's token movements in the period, from its ledger: what was credited, spent on calls and taken back. */
public record TenantTotals(String tenantId, String accountId, long tokensCredited, long tokensDebited,
                           long tokensRevoked) {
}
