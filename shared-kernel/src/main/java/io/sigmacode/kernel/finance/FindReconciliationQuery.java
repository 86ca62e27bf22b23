package io.sigmacode.kernel.finance;

import java.time.Instant;

/** Payments, credits, refunds, disputes and usage between two instants; {@code tenantId} null means every tenant. */
public record FindReconciliationQuery(Instant from, Instant to, String tenantId) {
}
