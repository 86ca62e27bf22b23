package io.sigmacode.kernel.call;

import java.util.List;

public record UsageResponse(String tenantId, List<UsageRow> rows) {
    public UsageResponse {
        rows = List.copyOf(rows);
    }
}
