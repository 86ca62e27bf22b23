package io.sigmacode.kernel.finance;

import java.time.Instant;
import java.util.List;

public record ReconciliationResponse(Instant from, Instant to, List<ReconciledPayment> payments,
                                     List<RevenueRow> revenue, List<TenantTotals> usage,
                                     List<ReconciliationMismatch> mismatches) {
    public ReconciliationResponse {
        payments = List.copyOf(payments);
        revenue = List.copyOf(revenue);
        usage = List.copyOf(usage);
        mismatches = List.copyOf(mismatches);
    }
}
