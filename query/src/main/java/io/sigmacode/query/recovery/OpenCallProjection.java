package io.sigmacode.query.recovery;

import io.sigmacode.kernel.call.CallCompletedEvent;
import io.sigmacode.kernel.call.CallFailedEvent;
import io.sigmacode.kernel.call.CallForwardedEvent;
import io.sigmacode.kernel.call.FindOpenCallsQuery;
import io.sigmacode.kernel.call.OpenCallsResponse;
import io.sigmacode.kernel.call.OpenCallsResponse.OpenCallRow;
import io.sigmacode.query.support.BatchedWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.sigmacode.query.support.Timestamps.utc;

/** Calls that reached Dify and have no outcome yet; a finished call leaves the table. */
@Component
@ProcessingGroup(OpenCallProjection.NAME)
class OpenCallProjection {

    static final String NAME = "open-calls";

    private static final String FORWARDED = """
            INSERT INTO open_call (call_id, account_id, endpoint, forwarded_at, node_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (call_id) DO NOTHING""";
    private static final String FINISHED = "DELETE FROM open_call WHERE call_id = ?";

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;

    OpenCallProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // a call is forwarded before it finishes, so every delete may wait for the batch's inserts
        this.writer = new BatchedWriter(jdbc, NAME, List.of(FORWARDED, FINISHED));
    }

    @EventHandler
    void on(CallForwardedEvent event, @Timestamp Instant at) {
        writer.write(FORWARDED, event.callId(), event.accountId(), event.endpoint(), utc(at),
                event.nodeId());
    }

    @EventHandler
    void on(CallCompletedEvent event) {
        writer.write(FINISHED, event.callId());
    }

    @EventHandler
    void on(CallFailedEvent event) {
        writer.write(FINISHED, event.callId());
    }

    @QueryHandler
    OpenCallsResponse handle(FindOpenCallsQuery query) {
        return new OpenCallsResponse(jdbc.query("""
                        SELECT account_id, call_id, endpoint, node_id, forwarded_at FROM open_call
                        WHERE forwarded_at < ? ORDER BY forwarded_at LIMIT ?""",
                (rs, n) -> new OpenCallRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()),
                utc(query.forwardedBefore()), query.limit()));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE open_call");
    }
}
