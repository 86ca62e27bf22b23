package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    private static final String CHAT_KEY = DifyStandIn.DEFAULT_CHAT_KEY;

    private static DifyStandIn standIn;
    private static StandInClient client;

    @BeforeAll
    static void start() {
        standIn = DifyStandIn.builder().build().start();
        client = new StandInClient(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void missingAuthorizationMatchesTheSampleAndChallenges() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", null, StandInClient.chatBody("blocking"));

        assertError(response, "error-401-missing-header.json");
        assertEquals("Bearer realm=\"api\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void unknownKeyMatchesTheSample() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", "app-notakey",
                StandInClient.chatBody("blocking"));

        assertError(response, "error-401-invalid-key.json");
        assertEquals("Bearer realm=\"api\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void headerWithoutSpaceIsTreatedAsMissing() throws IOException {
        HttpResponse<String> response = client.postWithAuthorization("/chat-messages", "Bearer" + CHAT_KEY,
                StandInClient.chatBody("blocking"));

        assertError(response, "error-401-missing-header.json");
    }

    @Test
    void otherSchemeIsRejected() throws IOException {
        HttpResponse<String> response = client.postWithAuthorization("/chat-messages", "Basic " + CHAT_KEY,
                StandInClient.chatBody("blocking"));

        assertEquals(401, response.statusCode());
        assertEquals("Authorization scheme must be 'Bearer'", Samples.parse(response.body()).get("message").asText());
        assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void schemeIsCaseInsensitive() throws IOException {
        HttpResponse<String> response = client.postWithAuthorization("/chat-messages", "bearer " + CHAT_KEY,
                StandInClient.chatBody("blocking"));

        assertEquals(200, response.statusCode());
    }

    @Test
    void errorEnvelopeIsCompactInCodeMessageStatusOrder() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", "app-notakey", "{}");

        assertEquals("{\"code\":\"unauthorized\",\"message\":\"Access token is invalid\",\"status\":401}",
                response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void chatRouteRejectsAWorkflowApp() throws IOException {
        assertError(client.post("/chat-messages", standIn.keyFor(AppMode.WORKFLOW), StandInClient.chatBody("blocking")),
                "error-400-not-chat-app.json");
    }

    @Test
    void completionRouteRejectsAChatApp() throws IOException {
        assertError(client.post("/completion-messages", CHAT_KEY, StandInClient.inputsBody("blocking")),
                "error-400-app-unavailable.json");
    }

    @Test
    void workflowRouteRejectsAChatApp() throws IOException {
        HttpResponse<String> response = client.post("/workflows/run", CHAT_KEY, StandInClient.inputsBody("blocking"));

        assertEquals(400, response.statusCode());
        assertEquals("not_workflow_app", Samples.parse(response.body()).get("code").asText());
    }

    @Test
    void missingUserMatchesTheSample() throws IOException {
        assertError(client.post("/chat-messages", CHAT_KEY, "{\"inputs\":{},\"query\":\"hi\"}"),
                "error-400-invalid-param-user.json");
        assertError(client.post("/workflows/run", standIn.keyFor(AppMode.WORKFLOW), "{\"inputs\":{},\"user\":\"\"}"),
                "error-400-invalid-param-user.json");
    }

    @Test
    void missingQueryIsInvalidParam() throws IOException {
        assertInvalidParam(client.post("/chat-messages", CHAT_KEY, "{\"inputs\":{},\"user\":\"u\"}"),
                "query is required");
    }

    @Test
    void missingInputsIsInvalidParam() throws IOException {
        assertInvalidParam(client.post("/chat-messages", CHAT_KEY, "{\"query\":\"hi\",\"user\":\"u\"}"),
                "inputs is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{not json", "[1,2]", "null"})
    void unusableJsonIsRejected(String body) throws IOException {
        assertInvalidParam(client.post("/chat-messages", CHAT_KEY, body),
                "Invalid JSON payload received or JSON payload is empty.");
    }

    @Test
    void unknownResponseModeIsRejected() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", CHAT_KEY, StandInClient.chatBody("stream"));

        assertEquals(400, response.statusCode());
        assertEquals("invalid_param", Samples.parse(response.body()).get("code").asText());
    }

    @Test
    void agentChatRefusesBlocking() throws IOException {
        assertInvalidParam(client.post("/chat-messages", standIn.keyFor(AppMode.AGENT_CHAT),
                StandInClient.chatBody("blocking")), "Agent Chat App does not support blocking mode");
    }

    @Test
    void conversationIdMustBeAUuidAndIsEchoed() throws IOException {
        assertInvalidParam(client.post("/chat-messages", CHAT_KEY,
                "{\"inputs\":{},\"query\":\"hi\",\"user\":\"u\",\"conversation_id\":\"nope\"}"),
                "conversation_id must be a valid UUID");

        String conversation = "45701982-8118-4bc5-8e9b-64562b4555f2";
        HttpResponse<String> response = client.post("/chat-messages", CHAT_KEY,
                "{\"inputs\":{},\"query\":\"hi\",\"user\":\"u\",\"conversation_id\":\"" + conversation + "\"}");
        assertEquals(conversation, Samples.parse(response.body()).get("conversation_id").asText());
    }

    @Test
    void streamingRequestsGetPlainJsonErrorsBeforeTheStreamStarts() throws IOException {
        HttpResponse<String> response = client.post("/chat-messages", null, StandInClient.chatBody("streaming"));

        assertEquals(401, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void stopEndpointsNeedUserAndMatchingMode() throws IOException {
        HttpResponse<String> stopped = client.post("/chat-messages/some-task/stop", CHAT_KEY, "{\"user\":\"u\"}");
        assertEquals(200, stopped.statusCode());
        assertEquals("{\"result\":\"success\"}", stopped.body());

        assertError(client.post("/chat-messages/some-task/stop", CHAT_KEY, "{}"), "error-400-invalid-param-user.json");
        assertEquals(400, client.post("/workflows/tasks/t/stop", CHAT_KEY, "{\"user\":\"u\"}").statusCode());
        assertEquals(200, client.post("/workflows/tasks/t/stop", standIn.keyFor(AppMode.WORKFLOW),
                "{\"user\":\"u\"}").statusCode());
    }

    @Test
    void unknownPathAndWrongMethodUseWerkzeugCodes() throws IOException {
        HttpResponse<String> missing = client.get("/nowhere", CHAT_KEY);
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", Samples.parse(missing.body()).get("code").asText());

        HttpResponse<String> wrongMethod = client.get("/chat-messages", CHAT_KEY);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("method_not_allowed", Samples.parse(wrongMethod.body()).get("code").asText());
    }

    private static void assertError(HttpResponse<String> response, String sample) {
        JsonNode expected = Samples.json(sample);
        assertEquals(expected.get("status").asInt(), response.statusCode());
        assertEquals(expected, Samples.parse(response.body()));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    private static void assertInvalidParam(HttpResponse<String> response, String message) {
        assertEquals(400, response.statusCode());
        JsonNode body = Samples.parse(response.body());
        assertEquals("invalid_param", body.get("code").asText());
        assertEquals(message, body.get("message").asText());
        assertEquals(400, body.get("status").asInt());
    }
}
