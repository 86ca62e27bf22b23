package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.nio.charset.StandardCharsets;

import static io.sigmacode.gateway.it.GatewayTestSupport.assertDifyError;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dify keeps the unredacted original of every answer and serves it back later; whatever it serves back is
 * post-checked like a fresh answer, and what is sent to be spoken is pre-checked like a prompt.
 */
class ServedBackCheckTest extends GatewayIntegrationTest {

    private static final String CARD = "4539 1488 0343 6467";
    private static final String AWS_KEY = "AKIAZ7VRSQ4TVK3MHQ2X";

    private byte[] get(String key, String path, int status) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBodyContent();
    }

    @Test
    void messageHistoryIsRedactedAsTheAnswerWasAndTheVerdictIsRecorded() {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer("Your card " + CARD + " is on file.");
        DIFY.setRetrievedPassage("Customer card: " + CARD);

        String page = new String(get(tenant.key(), "/v1/messages?conversation_id=conv-1&user=abc-123", 200),
                StandardCharsets.UTF_8);

        assertThat(page).doesNotContain("4539").contains("is on file.").contains("Customer card:");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId()))
                .contains("FirewallVerdictRecordedEvent", "CallCompletedEvent"));

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void aSecretInHistoryOrVariablesWithholdsTheBody() {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer("The deploy key is " + AWS_KEY + ".");

        JsonNode history = read(get(tenant.key(), "/v1/messages?conversation_id=conv-1&user=abc-123", 403));
        JsonNode variables = read(get(tenant.key(), "/v1/conversations/conv-1/variables?user=abc-123", 403));

        assertDifyError(history, 403, "firewall_blocked");
        assertDifyError(variables, 403, "firewall_blocked");
        assertThat(history.toString() + variables).doesNotContain("AKIA");

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void aWorkflowRunsDetailIsCheckedAsItsOutputsWere() {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer("Your card " + CARD + " is on file.");

        JsonNode run = read(get(tenant.key(), "/v1/workflows/run/run-7", 200));

        assertThat(run.at("/outputs/text").asText()).doesNotContain("4539").contains("is on file.");
        assertThat(run.get("id").asText()).isEqualTo("run-7");

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void aTranscriptionIsPostCheckedAndStillChargedItsFlatFee() {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer("The deploy key is " + AWS_KEY + ".");
        var parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(new byte[2048]) {
            @Override
            public String getFilename() {
                return "voice.mp3";
            }
        }).contentType(MediaType.parseMediaType("audio/mpeg"));
        parts.part("user", "abc-123");

        JsonNode answer = read(http.post().uri("/v1/audio-to-text")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange().expectStatus().isForbidden().expectBody().returnResult().getResponseBodyContent());

        assertDifyError(answer, 403, "firewall_blocked");
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId())).contains("TokensDebitedEvent"));
        assertThat(jdbc.queryForObject("""
                SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'tokens')::bigint FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'""", Long.class,
                tenant.accountId())).isEqualTo(2);

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void textSentToBeSpokenIsPreCheckedBeforeDifyHasIt() {
        var tenant = gateway.onboard(100);

        http.post().uri("/v1/text-to-audio").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"Read out my card " + CARD + " please\",\"user\":\"abc-123\"}")
                .exchange().expectStatus().isOk().expectHeader().contentType("audio/mpeg");

        String sent = DIFY.requests().get(0).bodyAsString();
        assertThat(sent).doesNotContain("4539").contains("Read out my card").contains("\"user\":\"abc-123\"");

        gateway.awaitCallsEnded(tenant.accountId());
    }

    @Test
    void passagesRetrievedForABlockingAnswerAreCheckedLikeTheAnswer() {
        var tenant = gateway.onboard(100);
        DIFY.setRetrievedPassage("Customer card: " + CARD);

        JsonNode answer = read(gateway.chat(tenant.key(), GatewayTestSupport.chatBody("What is on file?"))
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());

        assertThat(answer.at("/metadata/retriever_resources/0/content").asText())
                .startsWith("Customer card:").doesNotContain("4539");
        assertThat(answer.get("answer").asText()).isEqualTo("Hello from the stand-in.");

        DIFY.setRetrievedPassage("Deploy with " + AWS_KEY);
        assertDifyError(read(gateway.chat(tenant.key(), GatewayTestSupport.chatBody("And the key?"))
                .expectStatus().isForbidden().expectBody().returnResult().getResponseBodyContent()),
                403, "firewall_blocked");

        gateway.awaitCallsEnded(tenant.accountId());
    }
}
