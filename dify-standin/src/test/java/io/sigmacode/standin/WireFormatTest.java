package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final String ANSWER = "Bonjour le monde, ça va très bien 👋";

    private static DifyStandIn standIn;
    private static StandInClient client;

    @BeforeAll
    static void start() {
        standIn = DifyStandIn.builder()
                .answer(ANSWER)
                .usage(1033, 128)
                .chunkInterval(Duration.ofMillis(1))
                .build()
                .start();
        client = new StandInClient(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void blockingChatHasTheSampleKeysInCompactJson() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY,
                StandInClient.chatBody("blocking"));

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = Samples.parse(response.body());
        JsonNode sample = Samples.json("chat-blocking-response.json");
        assertEquals(Samples.fieldNames(sample), Samples.fieldNames(body));
        assertEquals(Samples.fieldNames(sample.get("metadata")), Samples.fieldNames(body.get("metadata")));
        assertEquals(Samples.fieldNames(sample.at("/metadata/usage")), Samples.fieldNames(body.at("/metadata/usage")));
        assertTrue(response.body().startsWith("{\"event\":\"message\",\"task_id\":\""), response.body());
        assertFalse(response.body().contains("\n"));
        assertEquals(ANSWER, body.get("answer").asText());
        assertEquals("chat", body.get("mode").asText());
        assertEquals(body.get("id"), body.get("message_id"));
        assertUsage(body.at("/metadata/usage"), 1033, 128);
    }

    @Test
    void everyRunGetsFreshIdentifiers() throws IOException {
        JsonNode first = Samples.parse(client.post("/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY,
                StandInClient.chatBody("blocking")).body());
        JsonNode second = Samples.parse(client.post("/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY,
                StandInClient.chatBody("blocking")).body());

        assertFalse(first.get("task_id").equals(second.get("task_id")));
        assertFalse(first.get("message_id").equals(second.get("message_id")));
        assertFalse(first.get("conversation_id").equals(second.get("conversation_id")));
    }

    @Test
    void blockingCompletionHasTheSampleKeys() throws IOException {
        HttpResponse<String> response = client.post("/completion-messages", standIn.keyFor(AppMode.COMPLETION),
                StandInClient.inputsBody("blocking"));

        assertEquals(200, response.statusCode());
        JsonNode body = Samples.parse(response.body());
        JsonNode sample = Samples.json("completion-blocking-response.json");
        assertEquals(Samples.fieldNames(sample), Samples.fieldNames(body));
        assertEquals(Samples.fieldNames(sample.at("/metadata/usage")), Samples.fieldNames(body.at("/metadata/usage")));
        assertEquals("completion", body.get("mode").asText());
    }

    @Test
    void blockingWorkflowHasTheSampleKeysAndTotalTokens() throws IOException {
        HttpResponse<String> response = client.post("/workflows/run", standIn.keyFor(AppMode.WORKFLOW),
                StandInClient.inputsBody("blocking"));

        assertEquals(200, response.statusCode());
        JsonNode body = Samples.parse(response.body());
        JsonNode sample = Samples.json("workflow-blocking-response.json");
        assertEquals(Samples.fieldNames(sample), Samples.fieldNames(body));
        assertEquals(Samples.fieldNames(sample.get("data")), Samples.fieldNames(body.get("data")));
        assertEquals(1161, body.at("/data/total_tokens").asInt());
        assertEquals(ANSWER, body.at("/data/outputs/result").asText());
        assertEquals(body.get("workflow_run_id"), body.at("/data/id"));
    }

    @Test
    void omittedResponseModeMeansBlocking() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY,
                "{\"inputs\":{},\"query\":\"hi\",\"user\":\"u\"}");

        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("message", Samples.parse(response.body()).get("event").asText());
    }

    @Test
    void chatStreamIsFramedLikeTheSample() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY,
                StandInClient.chatBody("streaming"));

        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Length").isEmpty());
        assertFalse(response.body().contains("\r"));
        List<String> frames = Samples.frames(response.body());
        for (String frame : frames) {
            assertTrue(frame.equals("event: ping") || frame.startsWith("data: {") && !frame.contains("\n"), frame);
        }
        int ping = frames.indexOf("event: ping");
        assertTrue(ping > 0 && ping < frames.size() - 1, "ping must sit mid-stream: " + frames);

        List<JsonNode> events = Samples.dataEvents(response.body());
        List<JsonNode> sampleEvents = Samples.dataEvents(Samples.text("chat-stream.sse"));
        assertEquals(Samples.fieldNames(sampleEvents.get(0)), Samples.fieldNames(events.get(0)));
        JsonNode end = events.get(events.size() - 1);
        JsonNode sampleEnd = sampleEvents.get(sampleEvents.size() - 1);
        assertEquals(Samples.fieldNames(sampleEnd), Samples.fieldNames(end));
        assertEquals(Samples.fieldNames(sampleEnd.at("/metadata/usage")),
                Samples.fieldNames(end.at("/metadata/usage")));
        assertUsage(end.at("/metadata/usage"), 1033, 128);

        List<JsonNode> messages = events.subList(0, events.size() - 1);
        assertTrue(messages.size() >= 3, "answer must be split into several message events");
        assertTrue(messages.stream().allMatch(event -> event.get("event").asText().equals("message")));
        assertEquals(ANSWER, messages.stream().map(event -> event.get("answer").asText())
                .collect(Collectors.joining()));
        assertTrue(messages.stream().allMatch(event -> event.get("task_id").equals(end.get("task_id"))));
    }

    @Test
    void workflowStreamFollowsTheSampleSequence() throws IOException {
        HttpResponse<String> response = client.post("/workflows/run", standIn.keyFor(AppMode.WORKFLOW),
                StandInClient.inputsBody("streaming"));

        List<String> frames = Samples.frames(response.body());
        assertTrue(frames.contains("event: ping"));
        List<JsonNode> events = Samples.dataEvents(response.body());
        List<JsonNode> sampleEvents = Samples.dataEvents(Samples.text("workflow-stream.sse"));
        assertEquals(collapseRepeats(Samples.eventNames(sampleEvents)), collapseRepeats(Samples.eventNames(events)));
        for (int i = 0; i < 4; i++) {
            assertEquals(Samples.fieldNames(sampleEvents.get(i).get("data")),
                    Samples.fieldNames(events.get(i).get("data")),
                    "data keys of " + sampleEvents.get(i).get("event"));
        }
        JsonNode finished = events.get(events.size() - 1);
        JsonNode sampleFinished = sampleEvents.get(sampleEvents.size() - 1);
        assertEquals(Samples.fieldNames(sampleFinished), Samples.fieldNames(finished));
        assertEquals(Samples.fieldNames(sampleFinished.get("data")), Samples.fieldNames(finished.get("data")));
        assertEquals(1161, finished.at("/data/total_tokens").asInt());
        assertEquals("abc-123", finished.at("/data/created_by/user").asText());
        String text = events.stream().filter(event -> event.get("event").asText().equals("text_chunk"))
                .map(event -> event.at("/data/text").asText()).collect(Collectors.joining());
        assertEquals(ANSWER, text);
    }

    @Test
    void completionStreamEndsWithUsage() throws IOException {
        HttpResponse<String> response = client.post("/completion-messages", standIn.keyFor(AppMode.COMPLETION),
                StandInClient.inputsBody("streaming"));

        List<JsonNode> events = Samples.dataEvents(response.body());
        JsonNode end = events.get(events.size() - 1);
        assertEquals("message_end", end.get("event").asText());
        assertFalse(end.has("conversation_id"));
        assertEquals(List.of("event", "message_id", "created_at"), Samples.fieldNames(events.get(0)).subList(0, 3));
        assertUsage(end.at("/metadata/usage"), 1033, 128);
    }

    @Test
    void chatflowStreamSendsWorkflowFinishedAfterMessageEnd() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", standIn.keyFor(AppMode.ADVANCED_CHAT),
                StandInClient.chatBody("streaming"));

        List<JsonNode> events = Samples.dataEvents(response.body());
        List<String> names = Samples.eventNames(events);
        assertEquals("workflow_started", names.get(0));
        assertEquals(List.of("event", "conversation_id", "message_id", "created_at", "task_id", "workflow_run_id",
                        "data"),
                Samples.fieldNames(events.get(0)));
        JsonNode firstMessage = events.get(names.indexOf("message"));
        assertEquals("[\"llm\",\"text\"]", firstMessage.get("from_variable_selector").toString());
        assertEquals(List.of("message_end", "workflow_finished"), names.subList(names.size() - 2, names.size()));
        assertTrue(names.contains("message"));
    }

    @Test
    void agentChatStreamsAgentMessages() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", standIn.keyFor(AppMode.AGENT_CHAT),
                StandInClient.chatBody("streaming"));

        List<JsonNode> events = Samples.dataEvents(response.body());
        List<String> names = Samples.eventNames(events);
        assertEquals("agent_thought", names.get(0));
        assertEquals("message_end", names.get(names.size() - 1));
        assertEquals(ANSWER, events.stream().filter(event -> event.get("event").asText().equals("agent_message"))
                .map(event -> event.get("answer").asText()).collect(Collectors.joining()));
    }

    @Test
    void metadataEndpointsAnswer() throws IOException {
        HttpResponse<String> welcome = client.get("/", null);
        assertEquals(200, welcome.statusCode());
        assertEquals("Dify OpenAPI", Samples.parse(welcome.body()).get("welcome").asText());

        HttpResponse<String> info = client.get("/info", standIn.keyFor(AppMode.WORKFLOW));
        assertEquals("workflow", Samples.parse(info.body()).get("mode").asText());

        HttpResponse<String> parameters = client.get("/parameters", DifyStandIn.DEFAULT_CHAT_KEY);
        assertEquals(200, parameters.statusCode());
        assertTrue(Samples.parse(parameters.body()).get("user_input_form").isArray());
        assertEquals(401, client.get("/parameters", null).statusCode());
    }

    private static void assertUsage(JsonNode usage, int prompt, int completion) {
        assertEquals(prompt, usage.get("prompt_tokens").asInt());
        assertEquals(completion, usage.get("completion_tokens").asInt());
        assertEquals(prompt + completion, usage.get("total_tokens").asInt());
        assertTrue(usage.get("total_price").isTextual(), "prices are decimal strings");
        assertTrue(usage.get("prompt_price").isTextual());
        assertTrue(usage.get("latency").isNumber());
        assertEquals("USD", usage.get("currency").asText());
    }

    private static List<String> collapseRepeats(List<String> names) {
        List<String> collapsed = new ArrayList<>();
        for (String name : names) {
            if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(name)) {
                collapsed.add(name);
            }
        }
        return collapsed;
    }
}
