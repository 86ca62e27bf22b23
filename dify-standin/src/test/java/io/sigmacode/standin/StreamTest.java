package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stand-in's streams: framings, agent thoughts, replaced answers, workflow nodes and the stop endpoint. */
class StreamTest {

    private static final String ANSWER = "Grüße aus 東京, the answer is here";
    private static final String CHAT_KEY = DifyStandIn.DEFAULT_CHAT_KEY;

    private static DifyStandIn standIn;
    private static StandInClient client;

    @BeforeAll
    static void start() {
        standIn = DifyStandIn.builder().answer(ANSWER).usage(20, 10).chunkInterval(Duration.ofMillis(1)).build()
                .start();
        client = new StandInClient(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @AfterEach
    void reset() {
        standIn.setStreamFraming(StreamFraming.DIFY);
        standIn.setChunkInterval(Duration.ofMillis(1));
        standIn.clearFaults();
        standIn.clear();
    }

    private static List<JsonNode> stream(String path, String key, String body) throws IOException {
        HttpResponse<String> response = client.post(path, key, body);
        assertEquals(200, response.statusCode(), response.body());
        return SpecReader.dataEvents(response.body());
    }

    @ParameterizedTest
    @EnumSource(StreamFraming.class)
    void everyFramingCarriesTheSameEvents(StreamFraming framing) throws IOException {
        List<JsonNode> plain = stream("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming"));
        standIn.setStreamFraming(framing);

        List<JsonNode> framed = stream("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming"));

        assertEquals(Samples.eventNames(plain), Samples.eventNames(framed));
        assertEquals(ANSWER, answerOf(framed));
    }

    @Test
    void framingsOtherThanDifysDifferOnTheWire() throws IOException {
        String plain = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming")).body();
        standIn.setStreamFraming(StreamFraming.CRLF);

        String crlf = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming")).body();

        assertFalse(plain.contains("\r"));
        assertTrue(crlf.contains("\r\n\r\n"));
    }

    @Test
    void aSplitFrameIsCutInsideAMultiByteCharacter() {
        List<byte[]> chunks = StreamFraming.SPLIT_UTF8.event(Json.object().put("event", "message")
                .put("answer", "東"));

        assertEquals(2, chunks.size());
        byte last = chunks.get(0)[chunks.get(0).length - 1];
        assertEquals(0xC0, last & 0xC0, "the first chunk ends with the lead byte of a multi-byte character");
        String joined = new String(chunks.get(0), StandardCharsets.UTF_8) + new String(chunks.get(1),
                StandardCharsets.UTF_8);
        assertNotEquals("data: {\"event\":\"message\",\"answer\":\"東\"}\n\n", joined);
    }

    @Test
    void anAgentStreamsItsThoughtWithToolInputAndObservation() throws IOException {
        List<JsonNode> events = stream("/chat-messages", standIn.keyFor(AppMode.AGENT_CHAT),
                StandInClient.chatBody("streaming"));

        List<JsonNode> thoughts = events.stream().filter(e -> e.path("event").asText().equals("agent_thought"))
                .toList();
        assertEquals(2, thoughts.size());
        assertEquals(thoughts.get(0).path("id"), thoughts.get(1).path("id"));
        assertTrue(thoughts.get(0).path("tool_input").asText().contains("web_search"));
        assertEquals(ANSWER, thoughts.get(1).path("observation").asText());
        assertEquals("message_end", events.get(events.size() - 1).path("event").asText());
    }

    @Test
    void aReplacedAnswerComesBeforeMessageEnd() throws IOException {
        standIn.replaceNextAnswer("Sorry, I can't answer that.");

        List<String> names = Samples.eventNames(stream("/chat-messages", CHAT_KEY,
                StandInClient.chatBody("streaming")));

        assertEquals(List.of("message_replace", "message_end"), names.subList(names.size() - 2, names.size()));
    }

    @Test
    void aWorkflowStreamsTextChunksAndNodeOutputs() throws IOException {
        List<JsonNode> events = stream("/workflows/run", standIn.keyFor(AppMode.WORKFLOW),
                StandInClient.inputsBody("streaming"));

        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("event").asText().equals("text_chunk"))
                .forEach(e -> text.append(e.at("/data/text").asText()));
        assertEquals(ANSWER, text.toString());
        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("node_finished")
                && ANSWER.equals(e.at("/data/outputs/text").asText())));
    }

    @Test
    void stoppingATaskEndsItsStreamWithTheUsageSoFarAndIsRecorded() throws Exception {
        standIn.setChunkInterval(Duration.ofMillis(200));
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/chat-messages"))
                .header("Authorization", "Bearer " + CHAT_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(StandInClient.chatBody("streaming"))).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        String taskId = Samples.parse(first.substring("data: ".length())).path("task_id").asText();

        HttpResponse<String> stopped = client.post("/chat-messages/" + taskId + "/stop", CHAT_KEY,
                "{\"user\":\"abc-123\"}");

        assertEquals(200, stopped.statusCode());
        StringBuilder rest = new StringBuilder(first).append('\n');
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            rest.append(line).append('\n');
        }
        List<JsonNode> events = SpecReader.dataEvents(rest.toString());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("message_end", last.path("event").asText());
        assertEquals(30, last.at("/metadata/usage/total_tokens").asInt());
        assertTrue(answerOf(events).length() < ANSWER.length(), "the rest of the answer is not sent");
        assertTrue(standIn.requests().stream().anyMatch(r -> r.path().equals("/v1/chat-messages/" + taskId
                + "/stop")));
    }

    private static String answerOf(List<JsonNode> events) {
        StringBuilder answer = new StringBuilder();
        events.stream().filter(e -> e.path("event").asText().equals("message"))
                .forEach(e -> answer.append(e.path("answer").asText()));
        return answer.toString();
    }
}
