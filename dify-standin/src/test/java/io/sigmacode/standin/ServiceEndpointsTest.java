package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service endpoints besides generation answer with the statuses and shapes of dify-api.md §2. */
class ServiceEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DifyStandIn standIn;
    private static StandInClient client;
    private static final String KEY = DifyStandIn.DEFAULT_CHAT_KEY;

    @BeforeAll
    static void start() {
        standIn = DifyStandIn.builder().answer("Kept answer.").build().start();
        client = new StandInClient(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.clearFaults();
        standIn.setRetrievedPassage(null);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void historyServesBackTheKeptAnswerWithItsPassages() throws Exception {
        standIn.setRetrievedPassage("From the handbook.");

        HttpResponse<String> page = client.get("/messages?conversation_id=conv-1&user=u", KEY);

        assertEquals(200, page.statusCode());
        assertEquals("Kept answer.", json(page).at("/data/0/answer").asText());
        assertEquals("From the handbook.", json(page).at("/data/0/retriever_resources/0/content").asText());
        assertEquals(false, json(page).get("has_more").asBoolean());
    }

    @Test
    void anUploadIsCreatedWithTheSizeItReceived() throws Exception {
        HttpResponse<String> created = client.post("/files/upload", KEY, "0123456789");

        assertEquals(201, created.statusCode());
        assertEquals(10, json(created).get("size").asInt());
    }

    @Test
    void deletingAConversationOrAnAnnotationAnswers204WithoutABody() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/conversations/conv-1", "/apps/annotations/ann-1"}) {
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"user\":\"u\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, deleted.statusCode());
            assertEquals("", deleted.body());
        }
    }

    @Test
    void everyReadOfTheReferenceAnswers() throws Exception {
        String[] paths = {"/meta", "/site", "/conversations?user=u", "/conversations/c-1/variables?user=u",
            "/messages/m-1/suggested?user=u", "/workflows/run/run-1", "/workflows/logs", "/app/feedbacks",
            "/apps/annotations", "/end-users/eu-1", "/apps/annotation-reply/enable/status/job-1"};
        for (String path : paths) {
            assertEquals(200, client.get(path, KEY).statusCode(), path);
        }
        assertEquals("run-1", json(client.get("/workflows/run/run-1", KEY)).get("id").asText());
        assertEquals("Kept answer.", json(client.get("/workflows/run/run-1", KEY)).at("/outputs/text").asText());
    }

    @Test
    void audioGoesBothWays() throws Exception {
        assertEquals("Kept answer.", json(client.post("/audio-to-text", KEY, "not really audio")).get("text").asText());
        HttpResponse<String> audio = client.post("/text-to-audio", KEY, "{\"text\":\"hi\"}");
        assertEquals("audio/mpeg", audio.headers().firstValue("Content-Type").orElse(""));
        assertTrue(audio.body().startsWith("ID3"));
    }

    @Test
    void aScriptedFailureAndAnUnknownPathAnswerInDifysEnvelope() throws Exception {
        standIn.failNext(404, "not_found", "Conversation Not Exists.");
        HttpResponse<String> failed = client.get("/conversations/c-9/variables?user=u", KEY);
        assertEquals(404, failed.statusCode());
        assertEquals("Conversation Not Exists.", json(failed).get("message").asText());

        assertEquals(404, client.get("/no/such/route", KEY).statusCode());
        assertEquals(401, client.get("/meta", null).statusCode());
    }
}
