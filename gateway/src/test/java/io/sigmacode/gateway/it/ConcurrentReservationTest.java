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

/** The invariant the product sells: under any concurrency, an account never pays for more than it has. */
class ConcurrentReservationTest extends GatewayIntegrationTest {

    /** 1 flat fee + 4000 reserved LLM tokens at 2 per 1,000. */
    private static final long RESERVATION = 9;

    @Value("${local.server.port}")
    int port;

    @Test
    void hundredConcurrentCallsOnAnAccountForFiftyForwardExactlyFifty() {
        var tenant = gateway.onboard(50 * RESERVATION);
        DIFY.setUsage(3000, 1000);
        DIFY.setLatency(Duration.ofMillis(300));
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();

        List<Integer> statuses = Flux.range(0, 100)
                .flatMap(i -> client.post().uri("/v1/chat-messages")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(GatewayTestSupport.chatBody("question " + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 100)
                .collectList()
                .block(Duration.ofSeconds(60));

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus).containsEntry(200, 50L).containsEntry(402, 50L);
        assertThat(DIFY.requestCount()).isEqualTo(50);

        long credits = EventStoreFacts.tokens(jdbc, tenant.accountId(), "TokensCreditedEvent");
        long debits = EventStoreFacts.tokens(jdbc, tenant.accountId(), "TokensDebitedEvent");
        assertThat(debits).isEqualTo(50 * RESERVATION);
        await().untilAsserted(() -> {
            var balance = gateway.get("/api/accounts/" + tenant.accountId() + "/balance", ADMIN, 200);
            assertThat(balance.get("balance").asLong()).isEqualTo(credits - debits);
            assertThat(balance.get("reserved").asLong()).isZero();
        });
        await().untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class,
                tenant.accountId())).as("the account was snapshotted after 100 events").isPositive());
    }
}
