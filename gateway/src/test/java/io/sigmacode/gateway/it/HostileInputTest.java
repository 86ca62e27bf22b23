package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigmacode.gateway.it.HostileRequests.Api;
import io.sigmacode.gateway.it.HostileRequests.Hostile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated malformed and hostile requests (fixed seed, so a failure can be replayed): none may get a
 * 5xx, each is answered in Dify's envelope (/v1) or as an RFC 9457 problem (/api), and none changes any state.
 */
class HostileInputTest extends GatewayIntegrationTest {

    private static final long SEED = 20_261_202L;
    private static final Pattern JAVA_TYPE = Pattern.compile("(?:java|javax|jakarta|io\\.sigmacode|com\\.fasterxml|"
            + "org\\.springframework|reactor)\\.[\\w.$]+");

    @Value("${local.server.port}")
    int port;

    @Test
    void hostileRequestsAreRefusedCleanlyAndChangeNothing() {
        var tenant = gateway.onboard(1_000);
        var generator = new HostileRequests(SEED, tenant.key(), ADMIN, tenant.tenantId(), tenant.accountId(),
                tenant.appId());
        List<Hostile> requests = new ArrayList<>(generator.proxy(2_600));
        requests.addAll(generator.management(2_600));
        JsonNode balanceBefore = balance(tenant.accountId());
        long mark = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        int forwarded = DIFY.requestCount();
        RawHttp raw = new RawHttp(port);
        List<String> faults = new ArrayList<>();
        Map<String, Integer> categories = new LinkedHashMap<>();
        Map<String, Integer> faultsPerCategory = new LinkedHashMap<>();

        for (Hostile request : requests) {
            RawHttp.Response response = raw.send(request.method(), request.target(), request.headers(),
                    request.body());
            categories.merge(request.category() + " " + response.status(), 1, Integer::sum);
            String fault = fault(request, response);
            // A few examples of each kind of fault say more than many of one.
            if (fault != null && faultsPerCategory.merge(request.category(), 1, Integer::sum) <= 3) {
                faults.add(fault + " <- " + request);
            }
        }

        assertThat(faults).as("answers by category and status: " + categories).isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM domain_event_entry WHERE global_index > ?
                AND (sequence_number = 0 OR aggregate_identifier IN (?, ?))""", Long.class,
                mark, tenant.tenantId(), tenant.accountId())).as("events written").isZero();
        assertThat(DIFY.requestCount()).as("calls forwarded to Dify").isEqualTo(forwarded);
        assertThat(balance(tenant.accountId())).isEqualTo(balanceBefore);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(5_000);
    }

    /**
     * Odd but legal headers on a valid call are not the gateway's business: the call is forwarded and billed once,
     * not mistaken for an unreachable Dify (502) and released.
     */
    @Test
    void oddHeadersOnAValidCallAreForwardedAndBilledOnce() {
        var tenant = gateway.onboard(1_000);
        RawHttp raw = new RawHttp(port);
        List<Map<String, String>> oddities = List.of(Map.of("User-Agent", "\u00ff".repeat(2_000)),
                Map.of("X-Trace-Id", "t".repeat(6_000)), Map.of("traceparent", "not-a-traceparent"),
                Map.of("Accept", "garbage"), Map.of("Accept", "text/csv; charset=nonexist"),
                Map.of("Content-Type", "application/json; charset=utf-8"), Map.of("Accept", "*/*;q=x"));
        int forwarded = DIFY.requestCount();
        for (Map<String, String> odd : oddities) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", "Bearer " + tenant.key(),
                    "Content-Type", "application/json"));
            headers.putAll(odd);
            var response = raw.send("POST", "/v1/chat-messages", headers,
                    GatewayTestSupport.chatBody("hi").getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(odd.toString()).isEqualTo(200);
        }
        assertThat(DIFY.requestCount()).isEqualTo(forwarded + oddities.size());
        assertThat(gateway.eventTypes(tenant.accountId()).stream().filter("TokensDebitedEvent"::equals))
                .hasSize(oddities.size());
    }

    private JsonNode balance(String accountId) {
        return gateway.get("/api/accounts/" + accountId + "/balance", ADMIN, 200);
    }

    /** @return what is wrong with the answer, or null when it is a clean refusal */
    private static String fault(Hostile request, RawHttp.Response response) {
        int status = response.status();
        if (status < 400) {
            return readOnly(request) && status >= 200 ? null : "not refused: " + status;
        }
        if (status >= 500) {
            return "server error " + status + " " + new String(response.body());
        }
        if (request.method().equals("HEAD") || transportRefusal(request, response)) {
            return null;
        }
        JsonNode body;
        try {
            body = GatewayTestSupport.JSON.readTree(response.body());
        } catch (Exception e) {
            return status + " without a JSON body: " + new String(response.body());
        }
        if (body == null || body.path("status").asInt() != status) {
            return status + " with a body whose status differs: " + body;
        }
        String text = request.api() == Api.DIFY ? body.path("message").asText() : body.path("detail").asText();
        if (request.api() == Api.DIFY && (body.path("code").asText().isBlank() || text.isBlank())) {
            return status + " not in Dify's envelope: " + body;
        }
        if (request.api() == Api.MANAGEMENT && (body.path("title").asText().isBlank()
                || !String.valueOf(response.header("Content-Type")).startsWith("application/problem+json"))) {
            return status + " not a problem: " + response.header("Content-Type") + " " + body;
        }
        return JAVA_TYPE.matcher(text).find() ? status + " names a Java type: " + text : null;
    }

    /** Reads and dry runs may succeed; they change nothing whatever they are sent. */
    private static boolean readOnly(Hostile request) {
        return request.api() == Api.MANAGEMENT && (request.method().equals("GET") || request.method().equals("HEAD")
                || request.method().equals("OPTIONS") || request.target().equals("/api/firewall/scan"));
    }

    /**
     * Headers over the server's limits (8 KB of headers, a 4 KB request line) are refused by the HTTP codec with
     * an empty 431, 414 or 400 before any gateway code runs, so no envelope is written.
     */
    private static boolean transportRefusal(Hostile request, RawHttp.Response response) {
        int headerBytes = request.headers().entrySet().stream()
                .mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum() + request.target().length();
        boolean malformed = headerBytes > 8_000 || request.target().length() > 4_000;
        return (response.status() == 431 || response.status() == 400 || response.status() == 414)
                && response.body().length == 0 && malformed;
    }
}
