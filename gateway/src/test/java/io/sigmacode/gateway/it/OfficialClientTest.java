package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.standin.AppMode;
import io.sigmacode.standin.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Node client, npm {@code dify-client} 2.3.2, installed from the npm registry into the build
 * directory by this test's own setup, talks to the gateway as it would to Dify: only the base URL and the keys
 * differ. The script (src/test/resources/dify-client/e2e.mjs) makes every call and prints what each got.
 */
class OfficialClientTest extends GatewayIntegrationTest {

    private static final Path CLIENT_DIR = Path.of("target", "dify-client-e2e").toAbsolutePath();
    private static final long INSTALL_MINUTES = 5;

    @LocalServerPort
    int port;

    @BeforeAll
    static void installTheClient() throws Exception {
        Files.createDirectories(CLIENT_DIR);
        try (InputStream script = OfficialClientTest.class.getResourceAsStream("/dify-client/e2e.mjs")) {
            Files.copy(script, CLIENT_DIR.resolve("e2e.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules/dify-client"))) {
            int exit = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "dify-client@2.3.2"),
                    Map.of(), CLIENT_DIR.resolve("npm-install.log"));
            assertThat(exit).as("npm install dify-client@2.3.2, see " + CLIENT_DIR.resolve("npm-install.log"))
                    .isZero();
        }
    }

    private static int run(List<String> command, Map<String, String> env, Path output) throws Exception {
        var process = new ProcessBuilder(command).directory(CLIENT_DIR.toFile())
                .redirectErrorStream(false)
                .redirectOutput(output.toFile())
                .redirectError(CLIENT_DIR.resolve(output.getFileName() + ".err").toFile());
        process.environment().putAll(env);
        Process started = process.start();
        if (!started.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
            started.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return started.exitValue();
    }

    private JsonNode runTheClient(String chatKey, String completionKey, String workflowKey) throws Exception {
        Path output = CLIENT_DIR.resolve("e2e-output.json");
        int exit = run(List.of("node", "e2e.mjs"), Map.of("GATEWAY_BASE_URL", "http://localhost:" + port + "/v1",
                "CHAT_KEY", chatKey, "COMPLETION_KEY", completionKey, "WORKFLOW_KEY", workflowKey), output);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as(printed + errors(output)).isZero();
        return read(printed.getBytes(StandardCharsets.UTF_8));
    }

    private static String errors(Path output) throws IOException {
        return Files.readString(CLIENT_DIR.resolve(output.getFileName() + ".err"), StandardCharsets.UTF_8);
    }

    @Test
    void everyCallOfTheOfficialClientWorksThroughTheGateway() throws Exception {
        var chat = gateway.onboard(1000, "chat", DIFY.keyFor(AppMode.CHAT));
        var completion = gateway.onboard(1000, "completion", DIFY.keyFor(AppMode.COMPLETION));
        var workflow = gateway.onboard(1000, "workflow", DIFY.keyFor(AppMode.WORKFLOW));

        JsonNode got = runTheClient(chat.key(), completion.key(), workflow.key());

        assertThat(got.at("/chatBlocking/status").asInt()).isEqualTo(200);
        assertThat(got.at("/chatBlocking/data/answer").asText()).isEqualTo("Hello from the stand-in.");
        assertThat(got.at("/chatStreaming/contentType").asText()).startsWith("text/event-stream");
        assertThat(got.at("/chatStreaming/text").asText()).startsWith("data: ").contains("message_end");
        assertThat(got.at("/completionBlocking/data/mode").asText()).isEqualTo("completion");
        assertThat(got.at("/completionStreaming/text").asText()).contains("message_end");
        assertThat(got.at("/workflowBlocking/data/data/status").asText()).isEqualTo("succeeded");
        assertThat(got.at("/workflowStreaming/text").asText()).contains("workflow_finished");
        assertThat(got.at("/fileUpload/status").asInt()).isEqualTo(201);
        assertThat(got.at("/messages/data/data/0/answer").asText()).isEqualTo("Hello from the stand-in.");
        assertThat(got.at("/conversations/status").asInt()).isEqualTo(200);
        assertThat(got.at("/rename/data/name").asText()).isEqualTo("Renamed by the client");
        assertThat(got.at("/feedback/data/result").asText()).isEqualTo("success");
        assertThat(got.at("/suggested/data/data").size()).isPositive();
        assertThat(got.at("/parameters/status").asInt()).isEqualTo(200);
        assertThat(got.at("/meta/data/tool_icons").isObject()).isTrue();
        assertThat(got.at("/audioToText/data/text").asText()).isEqualTo("Hello from the stand-in.");
        assertThat(got.at("/textToAudio/contentType").asText()).isEqualTo("audio/mpeg");
        assertThat(got.at("/textToAudio/bytes").asInt()).isPositive();
        assertThat(got.at("/stop/data/result").asText()).isEqualTo("success");
        assertThat(got.at("/deleteConversation/status").asInt()).isEqualTo(204);
        assertThat(got.at("/wrongKey/status").asInt()).isEqualTo(401);
        assertThat(got.at("/wrongKey/data/code").asText()).isEqualTo("unauthorized");

        List<RecordedRequest> sent = DIFY.requests();
        assertThat(sent).allSatisfy(request -> assertThat(request.header("Authorization").orElseThrow())
                .doesNotContain(chat.key()).doesNotContain(completion.key()).doesNotContain(workflow.key()));
        assertThat(sent.stream().map(RecordedRequest::path)).contains("/v1/chat-messages", "/v1/files/upload",
                "/v1/audio-to-text", "/v1/text-to-audio", "/v1/meta", "/v1/parameters");
        gateway.awaitCallsEnded(chat.accountId());
        gateway.awaitCallsEnded(completion.accountId());
        gateway.awaitCallsEnded(workflow.accountId());
    }
}
