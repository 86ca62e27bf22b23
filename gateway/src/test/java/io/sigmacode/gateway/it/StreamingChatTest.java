package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.JSON;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Streamed chat calls: relayed frame by frame, post-checked while they stream, settled however they end. */
class StreamingChatTest extends GatewayIntegrationTest {

    private static String streamingBody(String query) throws Exception {
        return JSON.writeValueAsString(Map.of("inputs", Map.of(), "query", query, "response_mode", "streaming",
                "user", "abc-123"));
    }

    private EntityExchangeResult<byte[]> stream(String key, String query) throws Exception {
        return http.post().uri("/v1/chat-messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(streamingBody(query))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectHeader().exists("X-Sigmacode-Call-Id")
                .expectBody().returnResult();
    }

    private static List<String> frames(EntityExchangeResult<byte[]> result) {
        String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(body).endsWith("\n\n");
        return new ArrayList<>(Arrays.asList(body.split("\n\n")));
    }

    private static List<JsonNode> events(List<String> frames) {
        return frames.stream().filter(f -> f.startsWith("data: ")).map(f -> read(f.substring(6).getBytes())).toList();
    }

    private static String answer(List<JsonNode> events) {
        StringBuilder answer = new StringBuilder();
        events.stream().filter(e -> e.path("event").asText().equals("message"))
                .forEach(e -> answer.append(e.path("answer").asText()));
        return answer.toString();
    }

    private String debitOf(String accountId) {
        return jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'""", String.class, accountId);
    }

    @Test
    void aStreamIsRelayedWithItsPingsAndSettledOnTheReportedUsage() throws Exception {
        var tenant = gateway.onboard(100);

        List<String> frames = frames(stream(tenant.key(), "hello"));

        assertThat(frames).contains("event: ping");
        List<JsonNode> events = events(frames);
        assertThat(answer(events)).isEqualTo("Hello from the stand-in.");
        assertThat(events.get(events.size() - 1).path("event").asText()).isEqualTo("message_end");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId()))
                .endsWith("TokensDebitedEvent", "ReservationReleasedEvent", "CallCompletedEvent"));
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"REPORTED\"")
                .contains("\"totalTokens\":1161");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%CallStartedEvent'""", String.class,
                tenant.accountId())).contains("\"streaming\":true");
    }

    @Test
    void aCardNumberSplitAcrossChunksIsRedactedBeforeAnyOfItLeaves() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer("Sure, the card on file is 4539 1488 0343 6467 and it expires soon.");

        var result = stream(tenant.key(), "What card is on file?");

        String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("4539").doesNotContain("6467");
        assertThat(answer(events(frames(result)))).isEqualTo("Sure, the card on file is [CARD_1] and it expires soon.");
    }

    @Test
    void aLeakedSecretEndsTheStreamWithAnInBandErrorAndIsBilledOnWhatDifyReports() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer("The deploy key is AKIAZ7VRSQ4TVK3MHQ2X and more text follows here.");

        var result = stream(tenant.key(), "What is the deploy key?");

        String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("AKIA");
        JsonNode last = events(frames(result)).get(events(frames(result)).size() - 1);
        assertThat(last.path("event").asText()).isEqualTo("error");
        assertThat(last.path("status").asInt()).isEqualTo(403);
        assertThat(last.path("code").asText()).isEqualTo("firewall_blocked");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId())).contains("TokensDebitedEvent"));
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"REPORTED\"");
    }

    /** Recovery here takes calls older than 6 s; this stream runs for about 10 s and must keep its own usage. */
    @Test
    void aStreamRunningLongerThanTheRecoveryAgeIsSettledOnItsOwnUsage() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.setChunkInterval(Duration.ofMillis(1_500));
        List<JsonNode> events;
        try {
            events = events(frames(stream(tenant.key(), "hello")));
        } finally {
            DIFY.setChunkInterval(Duration.ofMillis(5));
        }

        assertThat(events.get(events.size() - 1).path("event").asText()).isEqualTo("message_end");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId()))
                .endsWith("TokensDebitedEvent", "ReservationReleasedEvent", "CallCompletedEvent"));
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"REPORTED\"")
                .contains("\"totalTokens\":1161");
    }

    @Test
    void difyFailingMidStreamIsPassedOnAndSettledOnAnEstimate() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.failNextMidStream(400, "completion_request_error", "Rate Limit Error");

        List<JsonNode> events = events(frames(stream(tenant.key(), "hello")));

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("event").asText()).isEqualTo("error");
        assertThat(last.path("code").asText()).isEqualTo("completion_request_error");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId()))
                .endsWith("TokensDebitedEvent", "ReservationReleasedEvent", "CallFailedEvent"));
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"ESTIMATED\"");
    }

    @Test
    void aStreamCutByDifyEndsWithAnInBandErrorAndAnEstimate() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.cutNextStream();

        List<JsonNode> events = events(frames(stream(tenant.key(), "hello")));

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("event").asText()).isEqualTo("error");
        assertThat(last.path("status").asInt()).isEqualTo(502);
        assertThat(last.path("code").asText()).isEqualTo("upstream_unavailable");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId())).contains("TokensDebitedEvent"));
        assertThat(debitOf(tenant.accountId())).contains("\"usageSource\":\"ESTIMATED\"");
    }

    @Test
    void maskedPersonalDataComeBackInTheStreamedAnswer() throws Exception {
        var tenant = gateway.onboard(100);
        ObjectNode document = gateway.get("/api/tenants/" + tenant.tenantId() + "/firewall-policy", ADMIN, 200)
                .get("document").deepCopy();
        document.put("maskAndRestore", true);
        http.put().uri("/api/tenants/" + tenant.tenantId() + "/firewall-policy")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(document.toString())
                .exchange().expectStatus().isOk();
        DIFY.setAnswer("I will write to [EMAIL_1] today.");

        var result = stream(tenant.key(), "Draft a note to jane.doe@example.org");

        assertThat(DIFY.requests().get(0).bodyAsString()).doesNotContain("jane.doe");
        assertThat(answer(events(frames(result)))).isEqualTo("I will write to jane.doe@example.org today.");
    }

    @Test
    void difyRefusingBeforeTheStreamStartsIsAnOrdinaryError() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.failNext(400, "provider_quota_exceeded", "Your quota for Dify Hosted OpenAI has been exhausted.");

        JsonNode body = read(http.post().uri("/v1/chat-messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(streamingBody("hello"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().returnResult().getResponseBodyContent());

        assertThat(body.get("code").asText()).isEqualTo("provider_quota_exceeded");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId()))
                .endsWith("ReservationReleasedEvent", "CallFailedEvent"));
    }
}
