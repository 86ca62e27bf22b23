package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sigmacode.firewall.Canaries;
import io.sigmacode.firewall.FirewallEngine;
import io.sigmacode.gateway.firewall.ProxyFirewall;
import io.sigmacode.gateway.firewall.ProxyFirewall.PolicyInForce;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The post-check and the usage of workflow and chatflow streams: text_chunk and workflow_finished. */
class StreamedWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProxyFirewall firewall;
    private static PolicyInForce policy;

    @BeforeAll
    static void firewall() {
        firewall = new ProxyFirewall(new FirewallEngine(), null, new SimpleMeterRegistry());
        policy = firewall.policy(null).block();
    }

    private static StreamedAnswer answer() {
        return new StreamedAnswer(new AnswerGuard(firewall, policy, Canaries.NONE), null, policy.version());
    }

    private static SseFrame frame(String json) {
        return SseFrame.of(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String textChunk(String text) {
        return "{\"event\":\"text_chunk\",\"workflow_run_id\":\"r\",\"task_id\":\"t\",\"data\":{\"text\":\"" + text
                + "\",\"from_variable_selector\":[\"llm\",\"text\"]}}";
    }

    private static String finished(String result, int totalTokens) {
        return "{\"event\":\"workflow_finished\",\"workflow_run_id\":\"r\",\"task_id\":\"t\",\"data\":{\"id\":\"r\","
                + "\"status\":\"succeeded\",\"outputs\":{\"result\":\"" + result + "\",\"list\":[\"" + result
                + "\"]},\"total_tokens\":" + totalTokens + "}}";
    }

    private static List<JsonNode> events(List<byte[]> frames) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (byte[] frame : frames) {
            events.add(JSON.readTree(new String(frame, StandardCharsets.UTF_8).substring(6)));
        }
        return events;
    }

    @Test
    void aCardSplitAcrossTextChunksAndRepeatedInTheOutputsNeverLeaves() throws Exception {
        StreamedAnswer answer = answer();
        List<byte[]> out = new ArrayList<>();
        for (String chunk : new String[] {"Your card 4539 14", "88 0343 6467 is on file."}) {
            out.addAll(answer.onFrame(frame(textChunk(chunk))));
        }
        out.addAll(answer.onFrame(frame(finished("Your card 4539 1488 0343 6467 is on file.", 42))));

        String wire = new String(out.stream().reduce(new byte[0], StreamedWorkflowTest::concat),
                StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("4539").doesNotContain("6467").contains("is on file.");
        List<JsonNode> events = events(out);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("event").asText()).isEqualTo("workflow_finished");
        assertThat(last.at("/data/list/0").asText()).doesNotContain("4539");
        assertThat(answer.outcome().usage().totalTokens()).isEqualTo(42);
        assertThat(answer.outcome().failureCode()).isNull();
        assertThat(answer.postCheck().verdict()).isEqualTo(Verdict.REDACT);
    }

    @Test
    void aNodesOutputsAreCheckedWithoutEndingTheRun() throws Exception {
        StreamedAnswer answer = answer();
        String node = "{\"event\":\"node_finished\",\"workflow_run_id\":\"r\",\"task_id\":\"t\",\"data\":{"
                + "\"node_id\":\"llm\",\"outputs\":{\"text\":\"card 4539 1488 0343 6467\"},\"status\":\"succeeded\"}}";

        List<byte[]> out = answer.onFrame(frame(node));

        assertThat(events(out).get(0).at("/data/outputs/text").asText()).doesNotContain("4539");
        assertThat(answer.onFrame(frame(textChunk("more")))).isNotNull();
        assertThat(answer.outcome().usage()).isNull();
        assertThat(answer.outcome().blocked()).isFalse();
    }

    @Test
    void aCleanWorkflowFinishedPassesByteForByte() {
        StreamedAnswer answer = answer();
        SseFrame finished = frame(finished("Bonjour le monde", 7));

        List<byte[]> out = answer.onFrame(finished);

        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isSameAs(finished.raw());
    }

    @Test
    void aChatflowIsChargedOnMessageEndAloneAndItsOutputsAreStillChecked() {
        StreamedAnswer answer = answer();
        answer.onFrame(frame("{\"event\":\"message\",\"conversation_id\":\"c\",\"message_id\":\"m\","
                + "\"answer\":\"Hi\"}"));
        answer.onFrame(frame("{\"event\":\"message_end\",\"conversation_id\":\"c\",\"message_id\":\"m\","
                + "\"metadata\":{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}}"));

        List<byte[]> out = answer.onFrame(frame(finished("Hi, mail me at jane.doe@example.org", 999)));

        assertThat(answer.outcome().usage().totalTokens()).isEqualTo(15);
        assertThat(new String(out.get(0), StandardCharsets.UTF_8)).doesNotContain("jane.doe@example.org");
    }

    @Test
    void aSecretInTheOutputsEndsTheStreamWithAnError() throws Exception {
        StreamedAnswer answer = answer();

        List<byte[]> out = answer.onFrame(frame(finished("Here it is: AKIAZ7VRSQ4TVK3MHQ2X now", 3)));

        assertThat(answer.outcome().blocked()).isTrue();
        assertThat(new String(out.get(out.size() - 1), StandardCharsets.UTF_8)).doesNotContain("AKIA")
                .contains("firewall_blocked");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
