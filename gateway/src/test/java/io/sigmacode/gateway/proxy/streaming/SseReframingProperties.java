package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same events framed any way the SSE specification allows, and cut into network chunks anywhere, get the same
 * post-check, the same usage and the same answer as Dify's own framing.
 */
class SseReframingProperties {

    private static final List<String> EVENTS = Arrays.asList(
            "{\"event\":\"agent_thought\",\"task_id\":\"t\",\"id\":\"a\",\"thought\":\"Mail jane.doe@example.org\","
                    + "\"observation\":\"\",\"tool_input\":\"\"}",
            message("Your card 4539 14"), null /* a ping */, message("88 0343 6467 is on file, "),
            message("\u4e2d\u6587\u7684\u56de\u7b54 " + "and a longer tail of text to pass the window. ".repeat(4)),
            message("Done."),
            "{\"event\":\"message_end\",\"task_id\":\"t\",\"id\":\"m\",\"metadata\":{\"usage\":{\"prompt_tokens\":30,"
                    + "\"completion_tokens\":12,\"total_tokens\":42},\"retriever_resources\":[]}}");

    private static String message(String answer) {
        return "{\"event\":\"message\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"task_id\":\"t\",\"answer\":\""
                + answer + "\"}";
    }

    /** One event's framing: line end, blank lines and a comment before it, an event line, data spread over lines. */
    record Framing(String lineEnd, int blankLines, boolean comment, boolean eventLine, boolean multiLine,
                   boolean spaceAfterColon) {

        String frame(String json) {
            StringBuilder frame = new StringBuilder();
            frame.append(lineEnd.repeat(blankLines));
            if (comment) {
                frame.append(": keep reading").append(lineEnd);
            }
            if (json == null) {
                return frame.append("event: ping").append(lineEnd).append(lineEnd).toString();
            }
            if (eventLine) {
                frame.append("event: message").append(lineEnd);
            }
            String prefix = spaceAfterColon ? "data: " : "data:";
            for (String line : multiLine ? lines(json) : List.of(json)) {
                frame.append(prefix).append(line).append(lineEnd);
            }
            return frame.append(lineEnd).toString();
        }

        /** Each top-level field on a line of its own: the reader joins them with LF, which JSON reads as space. */
        private static List<String> lines(String json) {
            try {
                ObjectNode event = (ObjectNode) Streams.JSON.readTree(json);
                List<String> lines = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    lines.add((lines.isEmpty() ? "{" : "") + Streams.JSON.writeValueAsString(field.getKey()) + ":"
                            + Streams.JSON.writeValueAsString(field.getValue()) + (it.hasNext() ? "," : "}"));
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Provide
    Arbitrary<List<Framing>> framings() {
        Arbitrary<Framing> framing = Combinators.combine(Arbitraries.of("\n", "\r", "\r\n"),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Framing::new);
        return framing.list().ofSize(EVENTS.size());
    }

    private static Streams.Run run(List<Framing> framings, List<Integer> cuts) {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < EVENTS.size(); i++) {
            stream.append(framings.get(i).frame(EVENTS.get(i)));
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : new TreeSet<>(cuts)) {
            if (cut < bytes.length) {
                chunks.add(Arrays.copyOfRange(bytes, from, cut));
                from = cut;
            }
        }
        chunks.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return Streams.run(chunks);
    }

    private static final Streams.Run DIFY = run(EVENTS.stream()
            .map(event -> new Framing("\n", 0, false, false, false, true)).toList(), List.of());

    @Property(tries = 200)
    void anyLegalFramingGetsTheSameVerdictUsageAndAnswer(@ForAll("framings") List<Framing> framings,
            @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 1200) Integer> cuts) {
        Streams.Run framed = run(framings, cuts);

        assertThat(framed.answer().postCheck().verdict()).isEqualTo(DIFY.answer().postCheck().verdict());
        assertThat(framed.answer().postCheck().findings()).isEqualTo(DIFY.answer().postCheck().findings());
        assertThat(framed.answer().outcome().usage()).isEqualTo(DIFY.answer().outcome().usage());
        assertThat(framed.answer().outcome().failureCode()).isNull();
        assertThat(framed.answerText()).isEqualTo(DIFY.answerText());
        assertThat(framed.events()).hasSameSizeAs(DIFY.events());
    }

    @Example
    void theBaselineIsRedactedAndCharged() {
        assertThat(DIFY.answerText()).contains("[CARD_1]").doesNotContain("4539").doesNotContain("6467");
        assertThat(DIFY.wire()).doesNotContain("jane.doe@example.org");
        assertThat(DIFY.answer().outcome().usage().totalTokens()).isEqualTo(42);
    }
}
