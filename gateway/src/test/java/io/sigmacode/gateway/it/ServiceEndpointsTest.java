package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.standin.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every Dify endpoint besides generation goes through with Dify's method, path, query, status and body, the caller's
 * {@code user} untouched; free ones are recorded with a debit of 0 tokens, uploads and audio at their flat fee.
 */
class ServiceEndpointsTest extends GatewayIntegrationTest {

    private long debited(String accountId, String endpointCallId) {
        return jdbc.queryForObject("""
                SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'tokens')::bigint FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'callId' = ?""", Long.class, accountId, endpointCallId);
    }

    private String endpointOf(String accountId, String callId) {
        return jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'endpoint' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%CallStartedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'callId' = ?""", String.class, accountId, callId);
    }

    private Long debitCount(String accountId, String callId) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                AND payload_type LIKE '%TokensDebitedEvent'
                AND convert_from(payload, 'UTF8')::jsonb ->> 'callId' = ?""", Long.class, accountId, callId);
    }

    private void awaitDebit(String accountId, String callId) {
        await().until(() -> debitCount(accountId, callId) == 1);
    }

    @Test
    void aFreeReadGoesToDifyAsSentAndIsRecordedWithZeroTokens() {
        var tenant = gateway.onboard(100);

        var result = http.get().uri("/v1/messages?conversation_id=conv-1&user=abc-123&limit=20")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .exchange().expectStatus().isOk()
                .expectBody().returnResult();

        JsonNode page = read(result.getResponseBodyContent());
        assertThat(page.at("/data/0/answer").asText()).isEqualTo("Hello from the stand-in.");
        RecordedRequest sent = DIFY.requests().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.uri()).isEqualTo("/v1/messages?conversation_id=conv-1&user=abc-123&limit=20");
        assertThat(sent.header(HttpHeaders.AUTHORIZATION)).contains("Bearer " + DIFY.keyFor(
                io.sigmacode.standin.AppMode.CHAT));
        String callId = result.getResponseHeaders().getFirst("X-Sigmacode-Call-Id");
        awaitDebit(tenant.accountId(), callId);
        assertThat(debited(tenant.accountId(), callId)).isZero();
        assertThat(endpointOf(tenant.accountId(), callId)).isEqualTo("messages");

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void deletingAConversationAnswers204WithNoBodyAndItsJsonBodyReachesDify() {
        var tenant = gateway.onboard(100);

        http.method(org.springframework.http.HttpMethod.DELETE).uri("/v1/conversations/conv-9")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\":\"abc-123\"}")
                .exchange().expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(DIFY.requests().get(0).bodyAsString()).isEqualTo("{\"user\":\"abc-123\"}");

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void anUploadIsAnswered201WithTheMultipartBodyAsSentAndChargedItsFlatFee() {
        var tenant = gateway.onboard(100);
        byte[] file = "line one\nline two\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        var parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "notes.txt";
            }
        }).contentType(MediaType.TEXT_PLAIN);
        parts.part("user", "abc-123");

        var result = http.post().uri("/v1/files/upload")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange().expectStatus().isCreated().expectBody().returnResult();

        RecordedRequest sent = DIFY.requests().get(0);
        assertThat(sent.header(HttpHeaders.CONTENT_TYPE).orElseThrow()).startsWith("multipart/form-data;boundary=");
        assertThat(read(result.getResponseBodyContent()).get("size").asInt()).isEqualTo(sent.body().length);
        assertThat(sent.bodyAsString()).contains("name=\"user\"").contains("line two");
        String callId = result.getResponseHeaders().getFirst("X-Sigmacode-Call-Id");
        awaitDebit(tenant.accountId(), callId);
        assertThat(debited(tenant.accountId(), callId)).isEqualTo(20);

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void textToAudioAnswersDifysAudioBytes() {
        var tenant = gateway.onboard(100);

        var result = http.post().uri("/v1/text-to-audio")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"Hello\",\"user\":\"abc-123\"}")
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("audio/mpeg")
                .expectBody().returnResult();

        assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)).startsWith("ID3");

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void difysOwnErrorIsPassedThroughUnchangedAndRecordedAsFailed() {
        var tenant = gateway.onboard(100);
        DIFY.failNext(404, "not_found", "Conversation Not Exists.");

        var result = http.get().uri("/v1/conversations/conv-x/variables?user=abc-123")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .exchange().expectStatus().isNotFound().expectBody().returnResult();

        assertThat(read(result.getResponseBodyContent())).isEqualTo(read(
                "{\"code\":\"not_found\",\"message\":\"Conversation Not Exists.\",\"status\":404}".getBytes()));
        String callId = result.getResponseHeaders().getFirst("X-Sigmacode-Call-Id");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId())).contains("CallFailedEvent"));
        assertThat(debited(tenant.accountId(), callId)).isZero();

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void aBodyAboveTheRoutesLimitIsRefusedWith413AndNothingIsForwarded() {
        var tenant = gateway.onboard(100);
        String large = "{\"rating\":\"like\",\"user\":\"abc-123\",\"content\":\"" + "x".repeat(1_100_000) + "\"}";

        http.post().uri("/v1/messages/msg-1/feedbacks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(large)
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");

        assertThat(DIFY.requests()).isEmpty();
    }

    @Test
    void everyFreeEndpointOfTheReferenceIsServed() {
        var tenant = gateway.onboard(100);
        Map<String, Integer> gets = Map.of("/v1/parameters?user=u", 200, "/v1/meta?user=u", 200,
                "/v1/info", 200, "/v1/site", 200, "/v1/conversations?user=u", 200,
                "/v1/messages/msg-1/suggested?user=u", 200, "/v1/workflows/run/run-1", 200,
                "/v1/workflows/logs?page=1", 200, "/v1/apps/annotations?page=1", 200);
        gets.forEach((path, status) -> http.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .exchange().expectStatus().isEqualTo(status));
        for (String stop : List.of("/v1/chat-messages/t-1/stop", "/v1/conversations/c-1/name",
                "/v1/messages/msg-1/feedbacks")) {
            http.post().uri(stop).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\":\"abc-123\",\"name\":\"n\"}")
                    .exchange().expectStatus().isOk();
        }
        assertThat(DIFY.requests()).hasSize(gets.size() + 3);
        await().until(() -> gateway.eventTypes(tenant.accountId()).stream()
                .filter("CallCompletedEvent"::equals).count() == gets.size() + 3);

        gateway.awaitCallsEnded(tenant.accountId());
    }
}
