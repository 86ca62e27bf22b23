package io.sigmacode.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigmacode.kernel.call.CallEvent;
import io.sigmacode.query.support.BatchedWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.sigmacode.query.support.Timestamps.utc;

/** Every event of a call, keyed by event id, in the order the account recorded them. */
@Component
@ProcessingGroup(TimelineProjection.NAME)
class TimelineProjection {

    static final String NAME = "timeline";

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = new BatchedWriter(jdbc, NAME);
        this.json = TimelineJson.MAPPER;
    }

    @EventHandler
    void on(CallEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message)
            throws JsonProcessingException {
        writer.write("""
                INSERT INTO call_timeline_entry (event_id, call_id, account_id, sequence, occurred_at, type, detail)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS JSONB)) ON CONFLICT (event_id) DO NOTHING""",
                message.getIdentifier(), event.callId(), event.accountId(), sequence, utc(at),
                event.getClass().getSimpleName(), json.writeValueAsString(event));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE call_timeline_entry");
    }
}
