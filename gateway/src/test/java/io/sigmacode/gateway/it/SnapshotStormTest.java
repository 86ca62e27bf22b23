package io.sigmacode.gateway.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Storms of concurrent calls on one account across the snapshot threshold (every 250 events), where the snapshotter
 * used to stall the account for ten seconds and break a settlement's atomicity. Afterwards the account's events must
 * tell one story: contiguous sequence numbers, at most one debit per call, every forwarded call finished, and the
 * balance equal to credits minus debits.
 */
class SnapshotStormTest extends GatewayIntegrationTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void concurrentCallsAcrossSeveralSnapshotsKeepEveryCommandWhole() {
        var tenant = gateway.onboard(1_000_000);
        DIFY.setLatency(Duration.ofMillis(20));
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();

        List<Integer> statuses = Flux.range(0, 400)
                .flatMap(i -> client.post().uri("/v1/chat-messages")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(GatewayTestSupport.chatBody("storm " + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 64)
                .collectList()
                .block(Duration.ofSeconds(120));

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus).as("every call answered").containsEntry(200, 400L);
        String account = tenant.accountId();
        List<Long> sequences = jdbc.queryForList("""
                SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", Long.class, account);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("sequence without gaps").isEqualTo(i);
        }
        assertThat(EventStoreFacts.count(jdbc, account, "TokensDebitedEvent")).isEqualTo(400);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'callId') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%.TokensDebitedEvent'""", Long.class, account))
                .as("one debit per call").isEqualTo(400);
        assertThat(EventStoreFacts.count(jdbc, account, "CallCompletedEvent")).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, account)).as("snapshotted").isPositive();
        await().untilAsserted(() -> {
            var balance = gateway.get("/api/accounts/" + account + "/balance", ADMIN, 200);
            assertThat(balance.get("balance").asLong()).isEqualTo(1_000_000 - 400 * 4);
            assertThat(balance.get("reserved").asLong()).isZero();
        });
    }
}
