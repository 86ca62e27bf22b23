package io.sigmacode.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.sigmacode.gateway.it.GatewayTestSupport.ADMIN;
import static io.sigmacode.gateway.it.GatewayTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Walks every management endpoint the OpenAPI document lists, as nobody, with a wrong, a revoked and an expired
 * token, as the platform admin, and with a key of each role of the owning tenant and of another tenant. The expectations are written here from
 * docs/api.md, independently of the gateway's own table; an endpoint without one fails the test, so a new endpoint
 * cannot be forgotten.
 */
class AuthorizationWalkTest extends GatewayIntegrationTest {

    private static final List<String> ROLES = List.of("tenant-admin", "finance", "auditor", "developer");
    /** A Java type in an answer tells an attacker what runs inside; no body may name one. */
    private static final Pattern JAVA_TYPE = Pattern.compile(
            "\\b(java|javax|jakarta|org\\.springframework|org\\.axonframework|io\\.sigmacode|reactor)\\.[a-z]"
                    + "|[A-Za-z]+Exception\\b");

    /** Who may, per docs/api.md; {@code scoped}: the resource belongs to a tenant, so another tenant gets 404. */
    private record Expectation(Set<String> roles, boolean scoped, boolean open) {
        static Expectation tenant(String... roles) {
            return new Expectation(Set.of(roles), true, false);
        }

        static Expectation platform(String... roles) {
            return new Expectation(Set.of(roles), false, false);
        }
    }

    private static final Map<String, Expectation> EXPECTED = Map.ofEntries(
            Map.entry("POST /api/tenants", Expectation.platform()),
            Map.entry("GET /api/tenants/{tenantId}", Expectation.tenant("tenant-admin", "finance", "auditor")),
            Map.entry("POST /api/tenants/{tenantId}/apps", Expectation.tenant("tenant-admin")),
            Map.entry("PUT /api/tenants/{tenantId}/apps/{appId}/canaries", Expectation.tenant("tenant-admin")),
            Map.entry("POST /api/tenants/{tenantId}/api-keys", Expectation.tenant("tenant-admin")),
            Map.entry("DELETE /api/tenants/{tenantId}/api-keys/{keyId}", Expectation.tenant("tenant-admin")),
            Map.entry("POST /api/tenants/{tenantId}/api-keys/{keyId}/rotation", Expectation.tenant("tenant-admin")),
            Map.entry("GET /api/tenants/{tenantId}/firewall-policy", Expectation.tenant("tenant-admin", "auditor")),
            Map.entry("PUT /api/tenants/{tenantId}/firewall-policy", Expectation.tenant("tenant-admin")),
            Map.entry("GET /api/tenants/{tenantId}/end-users/{user}", Expectation.tenant("tenant-admin", "auditor")),
            Map.entry("DELETE /api/tenants/{tenantId}/end-users/{user}", Expectation.tenant("tenant-admin")),
            Map.entry("POST /api/accounts/{accountId}/grants", Expectation.tenant()),
            Map.entry("GET /api/accounts/{accountId}/balance", Expectation.tenant("tenant-admin", "finance")),
            Map.entry("GET /api/accounts/{accountId}/ledger", Expectation.tenant("tenant-admin", "finance")),
            Map.entry("GET /api/accounts/{accountId}/statement", Expectation.tenant("tenant-admin", "finance")),
            Map.entry("PUT /api/accounts/{accountId}/low-balance-alert", Expectation.tenant("tenant-admin")),
            Map.entry("GET /api/price-book", Expectation.platform("tenant-admin", "finance", "auditor", "developer")),
            Map.entry("PUT /api/price-book", Expectation.platform()),
            Map.entry("POST /api/price-book/corrections", Expectation.platform()),
            Map.entry("POST /api/billing/checkout", Expectation.tenant("tenant-admin")),
            Map.entry("POST /api/billing/stripe/webhook", new Expectation(Set.of(), false, true)),
            Map.entry("GET /api/finance/reconciliation", Expectation.platform("finance")),
            Map.entry("GET /api/usage", Expectation.tenant("tenant-admin", "finance", "auditor")),
            Map.entry("GET /api/calls/{callId}", Expectation.tenant("tenant-admin", "finance", "auditor")),
            Map.entry("GET /api/audit", Expectation.tenant("tenant-admin", "auditor")),
            Map.entry("GET /api/audit/verify", Expectation.tenant("tenant-admin", "auditor")),
            Map.entry("POST /api/firewall/scan",
                    Expectation.tenant("tenant-admin", "finance", "auditor", "developer")),
            Map.entry("GET /api/admin/projections", Expectation.platform()),
            Map.entry("POST /api/admin/projections/{name}/replay", Expectation.platform()),
            Map.entry("GET /api/admin/dead-letters", Expectation.platform()),
            Map.entry("POST /api/admin/dead-letters/{group}/retry", Expectation.platform()),
            Map.entry("DELETE /api/admin/dead-letters/{group}/{eventIdentifier}", Expectation.platform()));

    private record Answer(int status, String contentType, String body) {
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheRoleTableSays() {
        var mine = gateway.onboard(1_000);
        var other = gateway.onboard(1_000);
        Map<String, String> ownKeys = keys(mine);
        Map<String, String> foreignKeys = keys(other);
        String spareKeyId = issue(mine, "spare", "developer").get("keyId").asText();
        JsonNode revoked = issue(mine, "revoked", "tenant-admin");
        http.delete().uri("/api/tenants/" + mine.tenantId() + "/api-keys/" + revoked.get("keyId").asText())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange().expectStatus().isNoContent();
        String expired = gateway.post("/api/tenants/" + mine.tenantId() + "/api-keys", ADMIN, Map.of("name", "brief",
                "appId", mine.appId(), "roles", List.of("tenant-admin"), "expiresAt",
                Instant.now().plusSeconds(1).toString()), 201).get("key").asText();
        await().untilAsserted(() -> gateway.get("/api/price-book", expired, 401));
        String callId = gateway.chat(mine.key(), GatewayTestSupport.chatBody("hello")).expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Sigmacode-Call-Id");
        await().untilAsserted(() -> gateway.get("/api/calls/" + callId, ADMIN, 200));
        Map<String, String> values = Map.of("tenantId", mine.tenantId(), "accountId", mine.accountId(),
                "appId", mine.appId(), "keyId", spareKeyId, "callId", callId, "name", "no-such-projection",
                "group", "no-such-group", "eventIdentifier", "no-such-event", "user", "someone");

        List<String> failures = new ArrayList<>();
        int walked = 0;
        for (Map.Entry<String, List<String>> endpoint : endpoints().entrySet()) {
            for (String method : endpoint.getValue()) {
                String name = method + " " + endpoint.getKey();
                Expectation expected = EXPECTED.get(name);
                if (expected == null) {
                    failures.add(name + ": no expectation in this test; add its roles from docs/api.md");
                    continue;
                }
                walked++;
                String uri = uri(endpoint.getKey(), values, mine.tenantId());
                String body = body(name, mine);
                check(failures, name, "no token", send(method, uri, null, body), expected.open() ? -1 : 401);
                check(failures, name, "wrong token", send(method, uri, "sgk_wrong", body), expected.open() ? -1 : 401);
                check(failures, name, "platform admin", send(method, uri, ADMIN, body), -1);
                check(failures, name, "revoked key", send(method, uri, revoked.get("key").asText(), body),
                        expected.open() ? -1 : 401);
                check(failures, name, "expired key", send(method, uri, expired, body), expected.open() ? -1 : 401);
                for (String role : ROLES) {
                    boolean admitted = expected.open() || expected.roles().contains(role);
                    check(failures, name, "own " + role, send(method, uri, ownKeys.get(role), body),
                            admitted ? (expected.scoped() ? -2 : -1) : 403);
                    check(failures, name, "foreign " + role, send(method, uri, foreignKeys.get(role), body),
                            expected.open() ? -1 : expected.scoped() ? 404 : admitted ? -1 : 403);
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(walked).as("endpoints walked").isGreaterThanOrEqualTo(27);
    }

    /**
     * {@code expected} is a status, or -1: admitted (not 401, not 403), or -2: admitted to a resource of its own
     * tenant (not 404 either). A refusal must be a problem; no answer may name a Java type.
     */
    private static void check(List<String> failures, String endpoint, String who, Answer answer, int expected) {
        boolean ok = switch (expected) {
            case -1 -> answer.status() != 401 && answer.status() != 403;
            case -2 -> answer.status() != 401 && answer.status() != 403 && answer.status() != 404;
            default -> answer.status() == expected && answer.contentType() != null
                    && answer.contentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    && read(answer.body().getBytes(StandardCharsets.UTF_8)).path("status").asInt() == expected;
        };
        if (!ok) {
            failures.add(endpoint + " as " + who + ": expected " + expected + ", got " + answer.status() + " "
                    + answer.body());
        }
        if (JAVA_TYPE.matcher(answer.body()).find()) {
            failures.add(endpoint + " as " + who + " names a Java type: " + answer.body());
        }
    }

    private Answer send(String method, String uri, String token, String body) {
        WebTestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(uri);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        MediaType type = result.getResponseHeaders().getContentType();
        byte[] content = result.getResponseBodyContent();
        return new Answer(result.getStatus().value(), type == null ? null : type.toString(),
                content == null ? "" : new String(content, StandardCharsets.UTF_8));
    }

    private Map<String, List<String>> endpoints() {
        JsonNode paths = gateway.get("/v3/api-docs", ADMIN, 200).get("paths");
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            List<String> methods = new ArrayList<>();
            paths.get(path).fieldNames().forEachRemaining(method -> methods.add(method.toUpperCase()));
            endpoints.put(path, methods);
        }
        return endpoints;
    }

    private static String uri(String template, Map<String, String> values, String tenantId) {
        String uri = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            uri = uri.replace("{" + value.getKey() + "}", value.getValue());
        }
        return template.equals("/api/usage") || template.startsWith("/api/audit") ? uri + "?tenantId=" + tenantId
                : uri;
    }

    /** Bodies that name the tenant's resource where the body is what names it; elsewhere the path does. */
    private static String body(String endpoint, GatewayTestSupport.Tenant mine) {
        return switch (endpoint) {
            case "POST /api/billing/checkout" ->
                    "{\"accountId\":\"" + mine.accountId() + "\",\"packageId\":\"starter\"}";
            case "POST /api/firewall/scan" ->
                    "{\"tenantId\":\"" + mine.tenantId() + "\",\"stage\":\"PRE\",\"text\":\"hello\"}";
            default -> endpoint.startsWith("POST") || endpoint.startsWith("PUT") ? "{}" : null;
        };
    }

    private Map<String, String> keys(GatewayTestSupport.Tenant tenant) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String role : ROLES) {
            keys.put(role, issue(tenant, role, role).get("key").asText());
        }
        return keys;
    }

    private JsonNode issue(GatewayTestSupport.Tenant tenant, String name, String role) {
        return gateway.post("/api/tenants/" + tenant.tenantId() + "/api-keys", ADMIN,
                Map.of("name", name, "appId", tenant.appId(), "roles", List.of(role)), 201);
    }
}
