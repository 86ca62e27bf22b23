package io.sigmacode.kernel.call;

import java.time.LocalDate;
import java.util.List;

/** Usage of one tenant between two days (both included, UTC), grouped by any of {@link UsageGrouping}. */
public record FindUsageQuery(String tenantId, LocalDate from, LocalDate to, List<UsageGrouping> groupBy) {
    public FindUsageQuery {
        groupBy = List.copyOf(groupBy);
    }
}
