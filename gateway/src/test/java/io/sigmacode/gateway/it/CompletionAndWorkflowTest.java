package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.standin.AppMode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.sigmacode.gateway.it.GatewayTestSupport.JSON;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completion and workflow apps through the same filters and the same settlement as chat, priced per mode, with
 * every place their answer appears post-checked.
 */
class CompletionAndWorkflowTest extends GatewayIntegrationTest {

    private static final String CARD = "4539 1488 0343 6467";

    private GatewayTestSupport.Tenant tenant(AppMode mode) {
        return gateway.onboard(1000, mode.wireName(), DIFY.keyFor(mode));
    }

    private static String body(boolean streaming, Map<String, Object> extra) throws Exception {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("inputs", Map.of("text", "Translate this"),
                "user", "abc-123", "response_mode", streaming ? "streaming" : "blocking"));
        body.putAll(extra);
        return JSON.writeValueAsString(body);
    }

    private byte[] call(String path, String key, String body, int status) {
        return http.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().exists("X-Sigmacode-Call-Id")
                .expectBody().returnResult().getResponseBodyContent();
    }

    private static List<JsonNode> events(byte[] stream) {
        return Arrays.stream(new String(stream, StandardCharsets.UTF_8).split("\n\n"))
                .filter(f -> f.startsWith("data: ")).map(f -> read(f.substring(6).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** The call's debit, read from the event store once the call is settled. */
    private JsonNode debit(String accountId) {
        await().untilAsserted(() -> assertThat(gateway.eventTypes(accountId)).contains("TokensDebitedEvent"));
        return read(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'""", String.class, accountId)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBlockingCompletionIsAnsweredAndChargedAsACompletion() throws Exception {
        var tenant = tenant(AppMode.COMPLETION);

        JsonNode answer = read(call("/v1/completion-messages", tenant.key(), body(false, Map.of()), 200));

        assertThat(answer.path("answer").asText()).isEqualTo("Hello from the stand-in.");
        assertThat(answer.path("mode").asText()).isEqualTo("completion");
        JsonNode debit = debit(tenant.accountId());
        assertThat(debit.at("/charge/flatFee").asLong()).isEqualTo(1);
        assertThat(debit.at("/charge/usageSource").asText()).isEqualTo("REPORTED");
        assertThat(DIFY.requests().get(0).path()).isEqualTo("/v1/completion-messages");
    }

    @Test
    void aStreamedCompletionEndsWithMessageEndAndIsSettledOnItsUsage() throws Exception {
        var tenant = tenant(AppMode.COMPLETION);

        List<JsonNode> events = events(call("/v1/completion-messages", tenant.key(), body(true, Map.of()), 200));

        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("event").asText().equals("message"))
                .forEach(e -> text.append(e.path("answer").asText()));
        assertThat(text).hasToString("Hello from the stand-in.");
        assertThat(events.get(events.size() - 1).path("event").asText()).isEqualTo("message_end");
        assertThat(debit(tenant.accountId()).at("/charge/usage/totalTokens").asLong()).isEqualTo(1161);
    }

    @Test
    void aBlockingWorkflowRunIsChargedAsAWorkflowRunOnItsTotalTokens() throws Exception {
        var tenant = tenant(AppMode.WORKFLOW);

        JsonNode run = read(call("/v1/workflows/run", tenant.key(), body(false, Map.of()), 200));

        assertThat(run.at("/data/status").asText()).isEqualTo("succeeded");
        assertThat(run.at("/data/outputs").toString()).contains("Hello from the stand-in.");
        JsonNode debit = debit(tenant.accountId());
        assertThat(debit.at("/charge/flatFee").asLong()).isEqualTo(5);
        assertThat(debit.at("/charge/usage/totalTokens").asLong()).isEqualTo(run.at("/data/total_tokens").asLong())
                .isPositive();
    }

    @Test
    void aStreamedWorkflowRunIsRelayedToWorkflowFinishedAndChargedOnce() throws Exception {
        var tenant = tenant(AppMode.WORKFLOW);

        List<JsonNode> events = events(call("/v1/workflows/run", tenant.key(), body(true, Map.of()), 200));

        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("event").asText().equals("text_chunk"))
                .forEach(e -> text.append(e.at("/data/text").asText()));
        assertThat(text).hasToString("Hello from the stand-in.");
        JsonNode finished = events.get(events.size() - 1);
        assertThat(finished.path("event").asText()).isEqualTo("workflow_finished");
        JsonNode debit = debit(tenant.accountId());
        assertThat(debit.at("/charge/flatFee").asLong()).isEqualTo(5);
        assertThat(debit.at("/charge/usage/totalTokens").asLong())
                .isEqualTo(finished.at("/data/total_tokens").asLong());
    }

    @Test
    void personalDataInAWorkflowsOutputsIsRedactedBlockingAndStreamed() throws Exception {
        DIFY.setAnswer("Your card " + CARD + " is on file.");
        var tenant = tenant(AppMode.WORKFLOW);

        byte[] blocking = call("/v1/workflows/run", tenant.key(), body(false, Map.of()), 200);
        byte[] streamed = call("/v1/workflows/run", tenant.key(), body(true, Map.of()), 200);

        for (byte[] answer : List.of(blocking, streamed)) {
            assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain("4539").doesNotContain("6467")
                    .contains("is on file.");
        }
        assertThat(read(blocking).at("/data/outputs").isObject()).isTrue();
        List<JsonNode> events = events(streamed);
        assertThat(events.get(events.size() - 1).path("event").asText()).isEqualTo("workflow_finished");
    }

    @Test
    void anAgentChatIsChargedAsAgentExecution() throws Exception {
        var tenant = tenant(AppMode.AGENT_CHAT);

        call("/v1/chat-messages", tenant.key(), body(true, Map.of("query", "hello")), 200);

        assertThat(debit(tenant.accountId()).at("/charge/flatFee").asLong()).isEqualTo(10);
    }

    @Test
    void aCompletionWithoutInputsIsRefusedAsDifyWouldBeforeAnythingIsWritten() throws Exception {
        var tenant = tenant(AppMode.COMPLETION);
        long events = gateway.eventCount();

        JsonNode refusal = read(call("/v1/completion-messages", tenant.key(),
                JSON.writeValueAsString(Map.of("user", "abc-123")), 400));

        GatewayTestSupport.assertDifyError(refusal, 400, "invalid_param");
        assertThat(refusal.path("message").asText()).isEqualTo("inputs is required");
        assertThat(gateway.eventCount()).isEqualTo(events);
        assertThat(DIFY.requestCount()).isZero();
    }
}
