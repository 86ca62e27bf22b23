package io.sigmacode.query.usage;

import io.sigmacode.kernel.call.FindUsageQuery;
import io.sigmacode.kernel.call.UsageGrouping;
import io.sigmacode.kernel.call.UsageResponse;
import io.sigmacode.kernel.call.UsageRow;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Component
class UsageQueries {

    /** Fixed column names: the grouping never puts client text into SQL. */
    private static final Map<UsageGrouping, String> COLUMNS = Map.of(
            UsageGrouping.DAY, "day", UsageGrouping.ENDPOINT, "endpoint", UsageGrouping.APP, "app_id");

    private final JdbcTemplate jdbc;

    UsageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    UsageResponse handle(FindUsageQuery query) {
        List<UsageGrouping> groups = query.groupBy().stream().distinct().sorted().toList();
        String columns = groups.stream().map(COLUMNS::get).collect(Collectors.joining(", "));
        String select = (columns.isEmpty() ? "" : columns + ", ") + """
                COUNT(*), COUNT(*) FILTER (WHERE blocked), COALESCE(SUM(llm_tokens), 0), COALESCE(SUM(tokens_charged), 0)
                FROM call_usage WHERE tenant_id = ? AND day BETWEEN ? AND ?""";
        String sql = "SELECT " + select + (columns.isEmpty() ? "" : " GROUP BY " + columns + " ORDER BY " + columns);
        List<UsageRow> rows = jdbc.query(sql, (rs, n) -> {
            int column = 1;
            Date day = groups.contains(UsageGrouping.DAY) ? rs.getDate(column++) : null;
            String endpoint = groups.contains(UsageGrouping.ENDPOINT) ? rs.getString(column++) : null;
            String app = groups.contains(UsageGrouping.APP) ? rs.getString(column++) : null;
            return new UsageRow(day == null ? null : day.toLocalDate(), endpoint, app, rs.getLong(column),
                    rs.getLong(column + 1), rs.getLong(column + 2), rs.getLong(column + 3));
        }, query.tenantId(), query.from(), query.to());
        return new UsageResponse(query.tenantId(), new ArrayList<>(rows));
    }
}
