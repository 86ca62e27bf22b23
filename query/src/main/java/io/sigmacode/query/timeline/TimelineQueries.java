package io.sigmacode.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sigmacode.kernel.call.CallTimelineEntry;
import io.sigmacode.kernel.call.CallTimelineResponse;
import io.sigmacode.kernel.call.FindCallTimelineQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

@Component
class TimelineQueries {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    TimelineQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return null when no event of the call has been projected yet */
    @QueryHandler
    CallTimelineResponse handle(FindCallTimelineQuery query) {
        List<Row> rows = jdbc.query("""
                        SELECT account_id, sequence, occurred_at, type, detail::text FROM call_timeline_entry
                        WHERE call_id = ? ORDER BY sequence""",
                (rs, n) -> new Row(rs.getString(1), new CallTimelineEntry(rs.getLong(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), detail(rs.getString(5)))),
                query.callId());
        if (rows.isEmpty()) {
            return null;
        }
        return new CallTimelineResponse(query.callId(), rows.get(0).accountId(),
                rows.stream().map(Row::entry).toList());
    }

    private record Row(String accountId, CallTimelineEntry entry) {
    }

    private static Map<String, Object> detail(String text) {
        try {
            return TimelineJson.MAPPER.readValue(text, DETAIL);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
