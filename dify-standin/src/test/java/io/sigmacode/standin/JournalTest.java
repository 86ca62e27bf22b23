package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {

    @Test
    void recordsEveryRequestIncludingRejectedOnes() throws IOException {
        try (DifyStandIn standIn = DifyStandIn.builder().build().start()) {
            StandInClient client = new StandInClient(standIn);
            String body = StandInClient.chatBody("blocking");

            client.post("/chat-messages", DifyStandIn.DEFAULT_CHAT_KEY, body);
            client.post("/chat-messages", "app-wrong", body);
            client.get("/parameters?user=abc-123", DifyStandIn.DEFAULT_CHAT_KEY);

            List<RecordedRequest> requests = standIn.requests();
            assertEquals(3, requests.size());
            assertEquals(3, standIn.requestCount());
            RecordedRequest first = requests.get(0);
            assertEquals("POST", first.method());
            assertEquals("/v1/chat-messages", first.path());
            assertEquals(body, first.bodyAsString());
            assertEquals("Bearer " + DifyStandIn.DEFAULT_CHAT_KEY, first.header("authorization").orElseThrow());
            assertEquals("application/json", first.headers().get("CONTENT-TYPE").get(0));
            assertEquals("Bearer app-wrong", requests.get(1).header("Authorization").orElseThrow());
            assertEquals("/v1/parameters?user=abc-123", requests.get(2).uri());
            assertEquals("/v1/parameters", requests.get(2).path());
            assertEquals(0, requests.get(2).body().length);
        }
    }

    @Test
    void clearEmptiesTheJournal() throws IOException {
        try (DifyStandIn standIn = DifyStandIn.builder().build().start()) {
            new StandInClient(standIn).get("/", null);
            standIn.clear();

            assertTrue(standIn.requests().isEmpty());
            assertEquals(0, standIn.requestCount());
        }
    }

    @Test
    void countsWithoutKeepingEntriesWhenAskedTo() throws IOException {
        try (DifyStandIn standIn = DifyStandIn.builder().journalEntries(false).build().start()) {
            StandInClient client = new StandInClient(standIn);
            client.get("/", null);
            client.get("/", null);

            assertEquals(2, standIn.requestCount());
            assertTrue(standIn.requests().isEmpty());
        }
    }
}
