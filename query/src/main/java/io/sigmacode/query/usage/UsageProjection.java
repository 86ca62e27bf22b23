package io.sigmacode.query.usage;

import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.kernel.call.FirewallVerdictRecordedEvent;
import io.sigmacode.kernel.firewall.Verdict;
import io.sigmacode.query.support.BatchedWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * One row per call; every handler sets values rather than adding to them, so replaying an event twice is harmless
 * and the per-day, per-endpoint and per-app figures are sums computed when asked.
 */
@Component
@ProcessingGroup(UsageProjection.NAME)
class UsageProjection {

    static final String NAME = "usage";

    private static final String STARTED = """
            INSERT INTO call_usage (call_id, tenant_id, app_id, endpoint, day, started_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING""";
    private static final String BLOCKED = "UPDATE call_usage SET blocked = TRUE WHERE call_id = ?";
    private static final String CHARGED = "UPDATE call_usage SET llm_tokens = ?, tokens_charged = ? WHERE call_id = ?";

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;

    UsageProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // a call's row is inserted by its first event; the two updates set different columns
        this.writer = new BatchedWriter(jdbc, NAME, List.of(STARTED, BLOCKED, CHARGED));
    }

    @EventHandler
    void on(CallStartedEvent event, @Timestamp Instant at) {
        writer.write(STARTED, event.callId(), event.tenantId(), event.appId(), event.endpoint(),
                at.atZone(ZoneOffset.UTC).toLocalDate(), utc(at));
    }

    @EventHandler
    void on(FirewallVerdictRecordedEvent event) {
        if (event.check().verdict() == Verdict.BLOCK) {
            writer.write(BLOCKED, event.callId());
        }
    }

    @EventHandler
    void on(TokensDebitedEvent event) {
        writer.write(CHARGED, event.charge().usage().totalTokens(), event.tokens(), event.callId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE call_usage");
    }
}
