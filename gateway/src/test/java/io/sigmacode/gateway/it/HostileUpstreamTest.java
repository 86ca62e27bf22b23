package io.sigmacode.gateway.it;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upstream that speaks broken or hostile SSE (and broken blocking bodies): binary junk, invalid UTF-8, JSON that
 * does not parse, huge lines, comment floods, CR-only line ends, absurd or non-numeric usage, deep nesting, a stream
 * that just stops. Generated from a fixed seed. The gateway must answer every call without a 5xx of its own making,
 * and settle every one of them: no reservation left open, the balance equal to credits minus debits.
 */
class HostileUpstreamTest extends GatewayIntegrationTest {

    private static final int CALLS = 150;
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    @Test
    void hostileUpstreamBodiesAreAnsweredAndEveryCallIsSettled() throws Exception {
        var tenant = gateway.onboard(1_000_000);
        Random random = new Random(20261202);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            boolean streaming = i % 3 != 0;
            byte[] body = streaming ? hostileStream(random) : hostileBlocking(random);
            DIFY.replyNextRaw(200, streaming ? EVENT_STREAM : "application/json", body);
            var result = http.post().uri("/v1/chat-messages")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.key())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(JSON.writeValueAsString(Map.of("inputs", Map.of(), "query", "hostile " + i,
                            "response_mode", streaming ? "streaming" : "blocking", "user", "u")))
                    .exchange().expectBody().returnResult();
            if (result.getStatus().value() >= 500) {
                problems.add("call " + i + " answered " + result.getStatus());
            }
        }

        assertThat(problems).isEmpty();
        String account = tenant.accountId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var balance = gateway.get("/api/accounts/" + account + "/balance", ADMIN, 200);
            assertThat(balance.get("reserved").asLong()).as("every call settled").isZero();
            assertThat(balance.get("balance").asLong()).isEqualTo(EventStoreFacts.balance(jdbc, account));
        });
        assertThat(EventStoreFacts.count(jdbc, account, "CallCompletedEvent")
                + EventStoreFacts.count(jdbc, account, "CallFailedEvent")).isEqualTo(CALLS);
    }

    private static byte[] hostileStream(Random random) {
        StringBuilder s = new StringBuilder();
        return switch (random.nextInt(10)) {
            case 0 -> junk(random, 1 + random.nextInt(4096));
            case 1 -> utf8("data: {\"event\":\"message\",\"answer\":\"broken\n\ndata: {not json}\n\n");
            case 2 -> utf8("data: {\"event\":\"message\",\"answer\":\"" + "x".repeat(100_000 + random.nextInt(50_000))
                    + "\"}\n\n");
            case 3 -> utf8(": keep-alive\n".repeat(1 + random.nextInt(2_000)));
            case 4 -> utf8("data: {\"event\":\"message\",\"answer\":\"cr only\"}\r\rdata: {\"event\":\"message_end\","
                    + "\"metadata\":{\"usage\":{\"total_tokens\":5}}}\r\r");
            case 5 -> utf8("data: {\"event\":\"message_end\",\"metadata\":{\"usage\":{\"prompt_tokens\":\"abc\","
                    + "\"completion_tokens\":-7,\"total_tokens\":1e300}}}\n\n");
            case 6 -> {
                s.append("data: ");
                s.append("{\"a\":".repeat(2_000)).append("1").append("}".repeat(2_000)).append("\n\n");
                yield utf8(s.toString());
            }
            case 7 -> utf8("data: {\"event\":\"message\",\"answer\":\"stops mid-frame");
            case 8 -> {
                byte[] start = utf8("data: {\"event\":\"message\",\"answer\":\"");
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, (byte) 0xE2, (byte) 0x82};
                byte[] end = utf8("\"}\n\n");
                byte[] all = new byte[start.length + bad.length + end.length];
                System.arraycopy(start, 0, all, 0, start.length);
                System.arraycopy(bad, 0, all, start.length, bad.length);
                System.arraycopy(end, 0, all, start.length + bad.length, end.length);
                yield all;
            }
            default -> utf8("event: message\ndata: {\"event\":\"message\",\ndata: \"answer\":\"multi-line\"}\n\n\n\n"
                    + "data: {\"event\":\"error\",\"status\":\"NaN\",\"code\":{},\"message\":[]}\n\n");
        };
    }

    private static byte[] hostileBlocking(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> junk(random, 1 + random.nextInt(2048));
            case 1 -> utf8("{\"answer\": 42, \"metadata\": {\"usage\": \"lots\"}}");
            case 2 -> utf8("[1, 2, 3]");
            case 3 -> utf8("{\"answer\":\"ok\",\"metadata\":{\"usage\":{\"total_tokens\":-9223372036854775808}}}");
            default -> utf8("{\"answer\":\"unterminated");
        };
    }

    private static byte[] junk(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
