package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static final String CHAT_KEY = DifyStandIn.DEFAULT_CHAT_KEY;

    private DifyStandIn standIn;
    private StandInClient client;

    @BeforeEach
    void start() {
        standIn = DifyStandIn.builder().chunkInterval(Duration.ofMillis(1)).build().start();
        client = new StandInClient(standIn);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void failNextAnswersOnceWithDifysEnvelope() throws IOException {
        JsonNode sample = Samples.json("error-429-too-many-requests.json");
        standIn.failNext(429, "too_many_requests", sample.get("message").asText());

        HttpResponse<String> failed = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming"));
        HttpResponse<String> next = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking"));

        assertEquals(429, failed.statusCode());
        assertEquals("application/json", failed.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(sample, Samples.parse(failed.body()));
        assertEquals(200, next.statusCode());
    }

    @Test
    void failuresAreConsumedInOrder() throws IOException {
        standIn.failNext(500, "internal_server_error", "first");
        standIn.failNext(400, "completion_request_error", "second");

        assertEquals(500, client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking")).statusCode());
        HttpResponse<String> second = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking"));
        assertEquals("second", Samples.parse(second.body()).get("message").asText());
    }

    @Test
    void validationErrorsDoNotConsumeAScriptedFailure() throws IOException {
        standIn.failNext(500, "internal_server_error", "boom");

        assertEquals(401, client.post("/chat-messages", null, StandInClient.chatBody("blocking")).statusCode());
        assertEquals(500, client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking")).statusCode());
    }

    @Test
    void failNextMidStreamSendsAnInBandErrorLikeTheSample() throws IOException {
        standIn.failNextMidStream(1, 400, "completion_request_error", "Rate Limit Error");

        HttpResponse<String> response = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming"));

        assertEquals(200, response.statusCode());
        List<JsonNode> events = Samples.dataEvents(response.body());
        List<JsonNode> sample = Samples.dataEvents(Samples.text("error-stream-chat.sse"));
        assertEquals(Samples.eventNames(sample), Samples.eventNames(events));
        JsonNode error = events.get(1);
        assertEquals(Samples.fieldNames(sample.get(1)), Samples.fieldNames(error));
        assertEquals("completion_request_error", error.get("code").asText());
        assertEquals(400, error.get("status").asInt());
        assertEquals("Rate Limit Error", error.get("message").asText());
        assertFalse(error.has("task_id"));
    }

    @Test
    void workflowMidStreamErrorUsesTheWorkflowEnvelope() throws IOException {
        standIn.failNextMidStream(1, 500, "internal_server_error", "Internal Server Error, please contact support.");

        HttpResponse<String> response = client.post("/workflows/run", standIn.keyFor(AppMode.WORKFLOW),
                StandInClient.inputsBody("streaming"));

        List<JsonNode> events = Samples.dataEvents(response.body());
        List<JsonNode> sample = Samples.dataEvents(Samples.text("error-stream-workflow.sse"));
        assertEquals(Samples.eventNames(sample), Samples.eventNames(events));
        assertEquals(Samples.fieldNames(sample.get(1)), Samples.fieldNames(events.get(1)));
    }

    @Test
    void midStreamFaultWithDefaultCountKeepsNoUsage() throws IOException {
        standIn.failNextMidStream(400, "completion_request_error", "Completion request failed.");

        HttpResponse<String> response = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming"));

        List<String> names = Samples.eventNames(Samples.dataEvents(response.body()));
        assertEquals(List.of("message", "message", "error"), names);
        assertFalse(response.body().contains("\"usage\""));
    }

    @Test
    void cutNextStreamDropsTheConnectionWithoutATerminalChunk() throws IOException {
        standIn.cutNextStream();

        String raw = rawExchange(StandInClient.chatBody("streaming"));

        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertTrue(raw.contains("text/event-stream; charset=utf-8"));
        assertEquals(2, count(raw, "data: {\"event\":\"message\""), raw);
        assertFalse(raw.contains("message_end"));
        assertFalse(raw.contains("\"error\""));
        assertFalse(raw.endsWith("0\r\n\r\n"), "a cut stream must not end the chunked body");
    }

    @Test
    void cutStreamLooksLikeAnIoErrorToAnHttpClient() {
        standIn.cutNextStream(3);

        assertThrows(IOException.class,
                () -> client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming")));
    }

    @Test
    void streamFaultsWaitForAStreamingRequest() throws IOException {
        standIn.cutNextStream();

        HttpResponse<String> blocking = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking"));

        assertEquals(200, blocking.statusCode());
        assertThrows(IOException.class,
                () -> client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming")));
        assertEquals(200, client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming")).statusCode());
    }

    @Test
    void clearFaultsDropsQueuedFaults() throws IOException {
        standIn.failNext(500, "internal_server_error", "boom");
        standIn.cutNextStream();
        standIn.clearFaults();

        assertEquals(200, client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking")).statusCode());
        assertTrue(client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("streaming")).body()
                .contains("message_end"));
    }

    @Test
    void delayNextAndLatencyPostponeTheResponse() throws IOException {
        standIn.delayNext(Duration.ofMillis(300));
        long start = System.nanoTime();
        client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking"));
        assertTrue(elapsedMillis(start) >= 300);

        standIn.setLatency(Duration.ofMillis(200));
        start = System.nanoTime();
        HttpResponse<String> response = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking"));
        assertTrue(elapsedMillis(start) >= 200);
        assertTrue(Samples.parse(response.body()).at("/metadata/usage/latency").asDouble() >= 0.2);
    }

    @Test
    void answerAndUsageCanChangeBetweenRequests() throws IOException {
        standIn.setAnswer("changed");
        standIn.setUsage(10, 5);

        JsonNode body = Samples.parse(client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("blocking"))
                .body());

        assertEquals("changed", body.get("answer").asText());
        assertEquals(15, body.at("/metadata/usage/total_tokens").asInt());
        assertEquals("0.0000100", body.at("/metadata/usage/prompt_price").asText());
    }

    private String rawExchange(String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat-messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + CHAT_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", standIn.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("server kept the connection open: " + received, e);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
