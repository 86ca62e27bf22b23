package io.sigmacode.kernel.finance;

/** Stripe revenue per tenant, package and currency in the period, in minor units. */
public record RevenueRow(String tenantId, String packageId, String currency, long payments, long amountMinor,
                         long refundedMinor) {
}
