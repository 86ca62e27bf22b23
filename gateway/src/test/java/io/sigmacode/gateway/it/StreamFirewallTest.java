package io.sigmacode.gateway.it;

import io.sigmacode.standin.AppMode;
import io.sigmacode.standin.RecordedRequest;
import io.sigmacode.standin.StreamFraming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sigmacode.gateway.it.GatewayTestSupport.JSON;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streaming firewall against the stand-in: what passes byte for byte, what is seen however the stream is
 * framed, and what happens to Dify's task when nobody reads it any more.
 */
class StreamFirewallTest extends GatewayIntegrationTest {

    private static final Pattern TASK_ID = Pattern.compile("\"task_id\":\"([^\"]+)\"");
    private static final String LONG_ANSWER = "This answer streams word by word for a good while, ".repeat(12);

    @LocalServerPort
    int port;

    @AfterEach
    void difysOwnFraming() {
        DIFY.setStreamFraming(StreamFraming.DIFY);
        DIFY.setChunkInterval(Duration.ofMillis(5));
    }

    private static String body(AppMode mode) throws Exception {
        return JSON.writeValueAsString(mode == AppMode.WORKFLOW
                ? Map.of("inputs", Map.of("query", "hi"), "response_mode", "streaming", "user", "abc-123")
                : Map.of("inputs", Map.of(), "query", "hello", "response_mode", "streaming", "user", "abc-123"));
    }

    private byte[] stream(AppMode mode, String key) throws Exception {
        return http.post().uri(mode == AppMode.WORKFLOW ? "/v1/workflows/run"
                        : mode == AppMode.COMPLETION ? "/v1/completion-messages" : "/v1/chat-messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(mode))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
    }

    private static String taskOf(byte[] received) {
        Matcher task = TASK_ID.matcher(new String(received, StandardCharsets.UTF_8));
        assertThat(task.find()).isTrue();
        return task.group(1);
    }

    @ParameterizedTest
    @EnumSource(StreamFraming.class)
    void aCleanChatStreamReachesTheClientAsTheStandInSentIt(StreamFraming framing) throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer(LONG_ANSWER);
        DIFY.setStreamFraming(framing);

        byte[] received = stream(AppMode.CHAT, tenant.key());

        assertThat(received).isEqualTo(DIFY.sentStream(taskOf(received)).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = AppMode.class, names = {"COMPLETION", "AGENT_CHAT", "ADVANCED_CHAT", "WORKFLOW"})
    void aCleanStreamOfEveryModeReachesTheClientAsTheStandInSentIt(AppMode mode) throws Exception {
        var tenant = gateway.onboard(1000, mode.wireName(), DIFY.keyFor(mode));

        byte[] received = stream(mode, tenant.key());

        assertThat(received).isEqualTo(DIFY.sentStream(taskOf(received)).orElseThrow());
    }

    @Test
    void aSecretInAFramingOtherThanDifysIsStillStoppedAndTheTaskToo() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.setStreamFraming(StreamFraming.COMMENTS);
        DIFY.setAnswer("The deploy key is AKIAZ7VRSQ4TVK3MHQ2X and more text follows here.");

        String received = new String(stream(AppMode.CHAT, tenant.key()), StandardCharsets.UTF_8);

        assertThat(received).doesNotContain("AKIA").contains("firewall_blocked");
        await().untilAsserted(() -> assertThat(DIFY.requests()).extracting(RecordedRequest::path)
                .anyMatch(path -> path.matches("/v1/chat-messages/[0-9a-f-]{36}/stop")));
    }

    @Test
    void anAgentsObservationIsRedactedInItsThought() throws Exception {
        var tenant = gateway.onboard(1000, AppMode.AGENT_CHAT.wireName(), DIFY.keyFor(AppMode.AGENT_CHAT));
        DIFY.setAnswer("Found it: write to jane.doe@example.org about it.");

        String received = new String(stream(AppMode.AGENT_CHAT, tenant.key()), StandardCharsets.UTF_8);

        assertThat(received).doesNotContain("jane.doe@example.org").contains("agent_thought").contains("[EMAIL_1]");
    }

    @Test
    void aClientThatLeavesMidStreamStopsDifysTaskAndIsSettledOnWhatDifyReports() throws Exception {
        var tenant = gateway.onboard(100);
        DIFY.setAnswer(LONG_ANSWER);
        DIFY.setChunkInterval(Duration.ofMillis(100));
        byte[] request = body(AppMode.CHAT).getBytes(StandardCharsets.UTF_8);
        String firstBytes;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat-messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tenant.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + request.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(request);
            out.flush();
            firstBytes = readUntilFirstEvent(socket.getInputStream());
        }

        String taskId = taskOf(firstBytes.getBytes(StandardCharsets.UTF_8));
        await().untilAsserted(() -> assertThat(DIFY.requests()).filteredOn(r -> r.path()
                .equals("/v1/chat-messages/" + taskId + "/stop")).singleElement()
                .satisfies(stop -> assertThat(read(stop.body()).path("user").asText()).isEqualTo("abc-123")));
        await().untilAsserted(() -> assertThat(gateway.eventTypes(tenant.accountId()))
                .endsWith("TokensDebitedEvent", "ReservationReleasedEvent", "CallFailedEvent"));
        String failed = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%CallFailedEvent'""", String.class,
                tenant.accountId());
        assertThat(failed).contains("client_closed_request");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokensDebitedEvent'""", String.class,
                tenant.accountId())).contains("\"usageSource\":\"REPORTED\"").contains("\"totalTokens\":1161");
    }

    /** The response head and body up to the first event that names its task. */
    private static String readUntilFirstEvent(InputStream in) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!TASK_ID.matcher(seen).find()) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }
}
