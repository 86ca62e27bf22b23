package io.sigmacode.query.finance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.kernel.account.DebitCorrectedEvent;
import io.sigmacode.kernel.account.TokensDebitedEvent;
import io.sigmacode.kernel.call.CallStartedEvent;
import io.sigmacode.query.support.BatchedWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Instant;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Each call's pricing inputs (endpoint, app, the version it started under) joined with its debit and its correction:
 * the debits of a mistaken price book version are found here, and statements show each correction with its
 * original. A call's events arrive in order on its account's stream, so the start is always stored first.
 */
@Component
@ProcessingGroup(ReconciliationProjection.NAME)
class PricedDebitProjection {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final BatchedWriter writer;
    private final JdbcTemplate jdbc;

    PricedDebitProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = new BatchedWriter(jdbc, "priced-debit");
    }

    @EventHandler
    void on(CallStartedEvent event) {
        writer.write("""
                INSERT INTO priced_debit (call_id, account_id, endpoint, app_id, started_version)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING""",
                event.callId(), event.accountId(), event.endpoint(), event.appId(), event.priceBookVersion());
    }

    @EventHandler
    void on(TokensDebitedEvent event, @Timestamp Instant at) {
        writer.write("""
                UPDATE priced_debit SET charge = CAST(? AS JSONB), tokens = ?, price_book_version = ?, debited_at = ?
                WHERE call_id = ?""",
                json(event.charge()), event.tokens(), event.charge().priceBookVersion(), utc(at), event.callId());
    }

    @EventHandler
    void on(DebitCorrectedEvent event, @Timestamp Instant at) {
        writer.write("""
                UPDATE priced_debit SET corrected_tokens = ?, correcting_version = ?, corrected_at = ?
                WHERE call_id = ?""",
                event.charge().tokens(), event.charge().priceBookVersion(), utc(at), event.callId());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE priced_debit");
    }
}
