package io.sigmacode.query.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigmacode.kernel.pricing.PriceBookPublishedEvent;
import io.sigmacode.kernel.pricing.PriceBookVersionCorrectedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.sigmacode.query.support.Timestamps.utc;

/**
 * Every published price book version. In the subscribing {@code directory} group, so a version is readable (and
 * in force on every node's next refresh) as soon as its publication returns.
 */
@Component
@ProcessingGroup("directory")
class PriceBookProjection {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JdbcTemplate jdbc;

    PriceBookProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PriceBookPublishedEvent event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO price_book_version (version, document, published_at) VALUES (?, CAST(? AS JSONB), ?)
                ON CONFLICT (version) DO NOTHING""",
                event.version(), JSON.writeValueAsString(event.document()), utc(at));
    }

    @EventHandler
    void on(PriceBookVersionCorrectedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO price_book_correction (mistaken_version, correcting_version, reason, corrected_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (mistaken_version) DO NOTHING""",
                event.mistakenVersion(), event.correctingVersion(), event.reason(), utc(at));
    }
}
