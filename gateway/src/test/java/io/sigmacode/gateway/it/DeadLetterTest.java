package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot store (here a credit that overflows the balance column, written straight into the
 * event store as only a forger or a bug could) goes to the dead-letter queue; every other account's balance keeps
 * moving, health says DEGRADED, and an operator can see and skip it.
 */
class DeadLetterTest extends GatewayIntegrationTest {

    @Test
    void aPoisonEventIsSetAsideAndStopsNoOtherAccount() {
        var poisoned = gateway.onboard(100);
        var healthy = gateway.onboard(100);
        await().untilAsserted(() -> assertThat(balanceOf(poisoned.accountId())).isEqualTo(100));
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT 'poison-' || gen_random_uuid(), aggregate_identifier,
                       (SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?),
                       type, time_stamp, payload_type, payload_revision,
                       convert_to(replace(convert_from(payload, 'UTF8'), '"tokens":100',
                                          '"tokens":9223372036854775807'), 'UTF8'), meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensCreditedEvent'
                """, poisoned.accountId(), poisoned.accountId());

        gateway.post("/api/accounts/" + healthy.accountId() + "/grants", ADMIN,
                Map.of("tokens", 50, "reason", "after the poison"), 201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(balanceOf(healthy.accountId())).isEqualTo(150));
        JsonNode letters = gateway.get("/api/admin/dead-letters", ADMIN, 200);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("processingGroup").asText()).isEqualTo("balance");
        assertThat(letter.get("aggregateId").asText()).isEqualTo(poisoned.accountId());
        assertThat(letter.get("cause").asText()).contains("out of range");
        assertThat(balanceOf(poisoned.accountId())).isEqualTo(100);
        JsonNode health = gateway.get("/actuator/health", ADMIN, 200);
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(http.get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("sigmacode_dead_letters{processing_group=\"balance\"} 1.0");

        http.delete().uri("/api/admin/dead-letters/balance/" + letter.get("eventIdentifier").asText())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange().expectStatus().isNoContent();

        assertThat(gateway.get("/api/admin/dead-letters", ADMIN, 200)).isEmpty();
        assertThat(gateway.get("/actuator/health", ADMIN, 200).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void deadLettersAreForThePlatformAdminOnly() {
        var tenant = gateway.onboard(0);
        http.get().uri("/api/admin/dead-letters").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .exchange().expectStatus().value(status -> assertThat(status).isIn(401, 403, 404));
        http.post().uri("/api/admin/dead-letters/nope/retry").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .exchange().expectStatus().isNotFound();
    }

    private long balanceOf(String accountId) {
        return gateway.get("/api/accounts/" + accountId + "/balance", ADMIN, 200).get("balance").asLong();
    }
}
