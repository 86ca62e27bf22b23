package io.sigmacode.gateway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.kernel.firewall.Verdict;
import org.junit.jupiter.api.Test;

import static io.sigmacode.gateway.proxy.streaming.Streams.frames;
import static io.sigmacode.gateway.proxy.streaming.Streams.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Which events of chat, agent and chatflow streams the post-check covers, and what passes untouched. */
class StreamedAnswerTest {

    private static final String SECRET = "AKIAZ7VRSQ4TVK3MHQ2X";
    private static final String CARD = "4539 1488 0343 6467";

    private static String message(String answer) {
        return "{\"event\":\"message\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"created_at\":1,"
                + "\"task_id\":\"t\",\"id\":\"m\",\"answer\":\"" + answer + "\",\"from_variable_selector\":null}";
    }

    private static String messageEnd(long total) {
        return "{\"event\":\"message_end\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"task_id\":\"t\","
                + "\"id\":\"m\",\"metadata\":{\"usage\":{\"prompt_tokens\":" + (total - 2) + ",\"completion_tokens\""
                + ":2,\"total_tokens\":" + total + "},\"retriever_resources\":[]}}";
    }

    @Test
    void aCleanStreamReachesTheClientByteForByte() {
        String stream = "data: " + message("Hello") + "\n\nevent: ping\n\n" + "data: " + message(", how are you")
                + "\n\n: a comment\n\n" + "data: " + message("?") + "\n\n" + "data: " + messageEnd(12) + "\n\n";

        Streams.Run run = run(stream);

        assertThat(run.wire()).isEqualTo(stream);
        assertThat(run.answer().outcome().usage().totalTokens()).isEqualTo(12);
        assertThat(run.answer().outcome().failureCode()).isNull();
    }

    @Test
    void aSecretBehindACommentAndAnEventLineIsStillSeen() {
        Streams.Run run = run(": hi\r\nevent: message\r\ndata: " + message("key " + SECRET + " here") + "\r\n\r\n"
                + "\n\ndata: " + messageEnd(3) + "\n\n");

        assertThat(run.wire()).doesNotContain(SECRET).contains("firewall_blocked");
        assertThat(run.answer().outcome().blocked()).isTrue();
    }

    @Test
    void messageEndSplitOverDataLinesIsStillRead() {
        String end = messageEnd(40).replace(",\"metadata\"", "\ndata: ,\"metadata\"");

        Streams.Run run = run(frames(message("Hi")) + "data: " + end + "\n\n");

        assertThat(run.answer().outcome().usage().totalTokens()).isEqualTo(40);
        assertThat(run.answer().outcome().failureCode()).isNull();
    }

    @Test
    void anAgentsThoughtObservationAndToolInputAreChecked() {
        String thought = "{\"event\":\"agent_thought\",\"id\":\"a\",\"task_id\":\"t\",\"message_id\":\"m\","
                + "\"position\":1,\"thought\":\"pay with " + CARD + "\",\"observation\":\"\",\"tool\":\"search\","
                + "\"tool_input\":\"{\\\"q\\\": \\\"jane.doe@example.org\\\"}\",\"created_at\":1}";

        Streams.Run run = run(frames(thought, messageEnd(5)));

        JsonNode checked = run.events().get(0);
        assertThat(checked.path("thought").asText()).doesNotContain("4539").contains("[CARD_1]");
        assertThat(checked.path("tool_input").asText()).doesNotContain("jane.doe@example.org");
        assertThat(run.answer().postCheck().verdict()).isEqualTo(Verdict.REDACT);
    }

    @Test
    void aSecretInAnObservationEndsTheStream() {
        String thought = "{\"event\":\"agent_thought\",\"id\":\"a\",\"task_id\":\"t\",\"thought\":\"\","
                + "\"observation\":\"found " + SECRET + "\",\"tool_input\":\"\"}";

        Streams.Run run = run(frames(message("One moment."), thought, messageEnd(5)));

        assertThat(run.wire()).doesNotContain(SECRET).contains("firewall_blocked");
    }

    @Test
    void aReplacedAnswerIsCheckedAndReplacesWhatWasHeld() {
        String replace = "{\"event\":\"message_replace\",\"task_id\":\"t\",\"message_id\":\"m\",\"answer\":"
                + "\"Call me on card " + CARD + "\",\"reason\":\"output_moderation\"}";

        Streams.Run run = run(frames(message("Something "), message("else"), replace, messageEnd(9)));

        assertThat(run.wire()).doesNotContain("4539");
        assertThat(run.answerText()).isEqualTo("Call me on card [CARD_1]");
    }

    @Test
    void retrievedPassagesInMessageEndAreChecked() {
        String end = "{\"event\":\"message_end\",\"task_id\":\"t\",\"id\":\"m\",\"metadata\":{\"usage\":"
                + "{\"total_tokens\":7},\"retriever_resources\":[{\"position\":1,\"dataset_id\":\"d\","
                + "\"content\":\"Contact jane.doe@example.org for access\"}]}}";

        Streams.Run run = run(frames(message("See the docs."), end));

        assertThat(run.wire()).doesNotContain("jane.doe@example.org");
        assertThat(run.answer().outcome().usage().totalTokens()).isEqualTo(7);
    }

    @Test
    void anUnknownEventIsCheckedInEveryText() {
        String future = "{\"event\":\"something_new\",\"task_id\":\"t\",\"data\":{\"deep\":[{\"note\":\"token "
                + SECRET + "\"}]}}";

        Streams.Run run = run(frames(future, messageEnd(1)));

        assertThat(run.wire()).doesNotContain(SECRET).contains("firewall_blocked");
    }

    @Test
    void aChatflowIsChargedOnceWhicheverUsageComesFirst() {
        String finished = "{\"event\":\"workflow_finished\",\"task_id\":\"t\",\"workflow_run_id\":\"r\","
                + "\"data\":{\"id\":\"r\",\"status\":\"succeeded\",\"outputs\":{\"answer\":\"Hi\"},"
                + "\"total_tokens\":999}}";

        assertThat(run(frames(message("Hi"), messageEnd(15), finished)).answer().outcome().usage().totalTokens())
                .isEqualTo(15);
        assertThat(run(frames(message("Hi"), finished, messageEnd(15))).answer().outcome().usage().totalTokens())
                .isEqualTo(15);
        assertThat(run(frames(finished)).answer().outcome().usage().totalTokens()).isEqualTo(999);
    }

    @Test
    void aStreamCutBeforeItsEndIsAFailedCallToldInBand() {
        Streams.Run run = run(frames(message("Half an ans")));

        assertThat(run.answer().outcome().failureCode()).isEqualTo("upstream_unavailable");
        assertThat(run.answerText()).isEqualTo("Half an ans");
        assertThat(run.events().get(run.events().size() - 1).path("event").asText()).isEqualTo("error");
    }

    @Test
    void aShortAnswerArrivesInDifysOwnFramesNotReCut() {
        String stream = frames(message("Hi"), message(" there"), messageEnd(4));

        assertThat(run(stream).wire()).isEqualTo(stream);
    }
}
