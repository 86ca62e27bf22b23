package io.sigmacode.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportTest {

    @Test
    void usagePricesFollowTheSampleArithmetic() {
        JsonNode sample = Samples.json("chat-blocking-response.json").at("/metadata/usage");
        Usage usage = Usage.of(sample.get("prompt_tokens").asInt(), sample.get("completion_tokens").asInt());

        assertEquals(sample.get("prompt_price").asText(), usage.promptPrice().toPlainString());
        assertEquals(sample.get("completion_price").asText(), usage.completionPrice().toPlainString());
        assertEquals(sample.get("total_price").asText(), usage.totalPrice().toPlainString());
        assertEquals(sample.get("total_tokens").asInt(), usage.totalTokens());
    }

    @Test
    void chunksKeepLeadingSpacesAndNeverSplitASurrogatePair() {
        assertEquals(List.of("I'm", " glad", " to", " meet", " you"), AnswerChunker.chunks("I'm glad to meet you"));
        List<String> words = AnswerChunker.chunks("Hello big world");
        assertEquals(List.of("Hello", " big", " world"), words);
        List<String> emoji = AnswerChunker.chunks("👋👋👋");
        assertEquals(List.of("👋", "👋", "👋"), emoji);
    }

    @Test
    void commandLineArgumentsOverrideEnvironment() {
        Map<String, String> settings = StandInCommandLine.settings(new String[] {"--latency-ms=25", "--port=0"},
                Map.of("STANDIN_LATENCY_MS", "99", "STANDIN_ANSWER", "from env",
                        "STANDIN_APP_KEYS", "app-one:chat, app-two:workflow", "PATH", "/bin"));

        try (DifyStandIn standIn = StandInCommandLine.builder(settings).build().start()) {
            assertEquals(Duration.ofMillis(25), standIn.latency());
            assertEquals("from env", standIn.answer());
            assertEquals(Map.of("app-one", AppMode.CHAT, "app-two", AppMode.WORKFLOW), standIn.appKeys());

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            StandInCommandLine.describe(standIn, new PrintStream(printed, true, StandardCharsets.UTF_8));
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains(standIn.baseUrl()), text);
            assertTrue(text.contains("app-two  (workflow)"), text);
        }
    }

    @Test
    void defaultsOfferOneKeyPerMode() {
        Map<String, String> settings = StandInCommandLine.settings(new String[0], Map.of());
        DifyStandIn standIn = StandInCommandLine.builder(settings).build();

        assertEquals(AppMode.CHAT, standIn.appKeys().get(DifyStandIn.DEFAULT_CHAT_KEY));
        for (AppMode mode : AppMode.values()) {
            assertTrue(standIn.keyFor(mode).startsWith("app-standin-"));
        }
    }

    @Test
    void malformedSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> StandInCommandLine.settings(new String[] {"port=1"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> StandInCommandLine.builder(Map.of("colour", "red")));
        assertThrows(IllegalArgumentException.class,
                () -> StandInCommandLine.builder(Map.of("app-keys", "app-x:robot")));
    }
}
