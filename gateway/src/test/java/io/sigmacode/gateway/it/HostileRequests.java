package io.sigmacode.gateway.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates malformed and hostile requests from a fixed seed. Every request must be refused: a body sent with a
 * valid credential is always invalid in at least one way the gateway checks before any command, so any event,
 * debit or forwarded call after the suite is a fault.
 */
final class HostileRequests {

    enum Api { DIFY, MANAGEMENT }

    record Hostile(String category, Api api, String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? ""
                    : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return category + ": " + method + " " + target + " " + headers.keySet() + " " + shown;
        }
    }

    private static final String CHAT = "{\"inputs\":{},\"query\":\"hi\",\"response_mode\":\"blocking\","
            + "\"user\":\"u-1\"}";
    private static final String[] NUL_TEXTS = {"\\u0000", "a\\u0000", "\\ud800", "x\\udfff", "\\udc00\\ud800"};
    /** Lone bytes, overlong forms, an encoded surrogate, a code point above U+10FFFF, a cut sequence. */
    private static final byte[][] BAD_UTF8 = {{(byte) 0xff}, {(byte) 0xc3, 0x28},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}};
    private static final String[] ODD_METHODS = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "FOO",
            "PROPFIND", "post"};
    private static final String[] ODD_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/octet-stream", "application/json; charset=nonexist",
            "application/json; charset=\"", "garbage", "application/", "application/json; charset=utf-16",
            "text/html; charset=iso-8859-1", "application/json;" + "x".repeat(3000)};

    private final Random random;
    private final String key;
    private final String admin;
    private final String tenantId;
    private final String accountId;
    private final String appId;

    HostileRequests(long seed, String key, String admin, String tenantId, String accountId, String appId) {
        this.random = new Random(seed);
        this.key = key;
        this.admin = admin;
        this.tenantId = tenantId;
        this.accountId = accountId;
        this.appId = appId;
    }

    /** Proxy requests: every body is one Dify itself would refuse, or the method or path is not a served route. */
    List<Hostile> proxy(int count) {
        List<Hostile> all = new ArrayList<>();
        while (all.size() < count) {
            int kind = random.nextInt(8);
            Map<String, String> headers = proxyAuth();
            String path = "/v1/chat-messages";
            switch (kind) {
                case 0, 1, 2 -> all.add(json("proxy-body", Api.DIFY, "POST", path, headers, invalidChat()));
                case 3 -> {
                    headers.put("Content-Type", pick(ODD_TYPES));
                    all.add(new Hostile("proxy-content-type", Api.DIFY, "POST", path, headers, invalidChat()));
                }
                case 4 -> all.add(json("proxy-method", Api.DIFY, pick(ODD_METHODS), path, headers, utf8(CHAT)));
                case 5 -> all.add(json("proxy-unknown-path", Api.DIFY, "POST", unknownDifyPath(), headers,
                        utf8(CHAT)));
                case 6 -> all.add(json("proxy-huge-headers", Api.DIFY, "POST", path, hugeHeaders(headers),
                        invalidChat()));
                default -> all.add(json("proxy-spelling", Api.DIFY, "POST", pick(PathSpellings.of(path)
                        .toArray(String[]::new)), headers, invalidChat()));
            }
        }
        return all;
    }

    /** Management requests: invalid bodies, parameters, methods, paths and headers, mostly as the platform admin. */
    List<Hostile> management(int count) {
        List<Hostile> all = new ArrayList<>();
        while (all.size() < count) {
            Map<String, String> headers = managementAuth();
            switch (random.nextInt(12)) {
                case 0 -> all.add(json("create-tenant", Api.MANAGEMENT, "POST", "/api/tenants", headers,
                        invalidObject("name", 200)));
                case 1 -> all.add(json("register-app", Api.MANAGEMENT, "POST", "/api/tenants/" + tenantId + "/apps",
                        headers, invalidApp()));
                case 2 -> all.add(json("issue-key", Api.MANAGEMENT, "POST", "/api/tenants/" + tenantId + "/api-keys",
                        headers, invalidKey()));
                case 3 -> all.add(json("grant", Api.MANAGEMENT, "POST", "/api/accounts/" + accountId + "/grants",
                        headers, invalidGrant()));
                case 4 -> all.add(json("firewall-policy", Api.MANAGEMENT, "PUT",
                        "/api/tenants/" + tenantId + "/firewall-policy", headers, invalidPolicy()));
                case 5 -> all.add(json("scan", Api.MANAGEMENT, "POST", "/api/firewall/scan", headers, invalidScan()));
                case 6 -> all.add(json("queries", Api.MANAGEMENT, "GET", hostileQuery(), headers, null));
                case 7 -> all.add(json("path-ids", Api.MANAGEMENT, random.nextBoolean() ? "GET" : "DELETE",
                        hostileIdPath(), headers, null));
                case 8 -> all.add(json("api-method", Api.MANAGEMENT, pick(ODD_METHODS), pick(new String[] {
                        "/api/tenants", "/api/accounts/" + accountId + "/grants", "/api/firewall/scan",
                        "/api/admin/projections"}), headers, utf8("{\"name\":\"x\"}")));
                case 9 -> {
                    headers.put("Content-Type", pick(ODD_TYPES));
                    all.add(new Hostile("api-content-type", Api.MANAGEMENT, "POST", "/api/tenants", headers,
                            invalidObject("name", 200)));
                }
                case 10 -> all.add(json("api-huge-headers", Api.MANAGEMENT, "POST", "/api/tenants",
                        hugeHeaders(headers), invalidObject("name", 200)));
                default -> all.add(json("api-unknown-path", Api.MANAGEMENT, random.nextBoolean() ? "GET" : "POST",
                        pick(new String[] {"/api", "/api/", "/api/nope", "/api/tenants/" + tenantId + "/x/y",
                                "/api/admin", "/api/admin/projections/" + word() + "/replay", "/api/calls",
                                "/api/tenants/" + tenantId + "/api-keys/" + word()}), headers,
                        utf8("{\"name\":\"x\"}")));
            }
        }
        return all;
    }

    private Hostile json(String category, Api api, String method, String target, Map<String, String> headers,
                         byte[] body) {
        headers.putIfAbsent("Content-Type", "application/json");
        return new Hostile(category, api, method, target, headers, body);
    }

    private Map<String, String> proxyAuth() {
        Map<String, String> headers = new LinkedHashMap<>();
        int who = random.nextInt(10);
        if (who < 7) {
            headers.put("Authorization", "Bearer " + key);
        } else if (who == 7) {
            headers.put("Authorization", pick(new String[] {"Bearer", "Basic abc", "Bearer  ", "bearer x y",
                    "Bearer \u00ff\u00fe", "Bearer " + "k".repeat(2000)}));
        } else if (who == 8) {
            headers.put("Authorization", "Bearer " + admin);
        }
        if (random.nextInt(8) == 0) {
            headers.put("Idempotency-Key", pick(new String[] {"", " ", "k".repeat(300), "\u00e9", "ok-key"}));
        }
        return headers;
    }

    private Map<String, String> managementAuth() {
        Map<String, String> headers = new LinkedHashMap<>();
        int who = random.nextInt(10);
        if (who < 7) {
            headers.put("Authorization", "Bearer " + admin);
        } else if (who == 7) {
            headers.put("Authorization", "Bearer " + key);
        } else if (who == 8) {
            headers.put("Authorization", pick(new String[] {"Bearer", "Basic abc", "Bearer \u00ff", "Token x"}));
        }
        if (random.nextInt(6) == 0) {
            headers.put("Accept", pick(new String[] {"text/csv", "garbage", "application/xml", "*/*;q=x",
                    "application/x-ndjson", "text/csv; charset=nonexist"}));
        }
        return headers;
    }

    private Map<String, String> hugeHeaders(Map<String, String> headers) {
        switch (random.nextInt(4)) {
            case 0 -> headers.put("X-Junk", "j".repeat(1_000 + random.nextInt(5_000)));
            case 1 -> {
                for (int i = 0; i < 60; i++) {
                    headers.put("X-Many-" + i, "v".repeat(50));
                }
            }
            case 2 -> headers.put("User-Agent", "\u00ff".repeat(2_000));
            default -> headers.put("X-Over-The-Limit", "o".repeat(9_000 + random.nextInt(60_000)));
        }
        return headers;
    }

    private byte[] invalidChat() {
        return switch (random.nextInt(7)) {
            case 0 -> utf8(CHAT.substring(0, random.nextInt(CHAT.length())));
            case 1 -> randomBytes();
            case 2 -> deep();
            case 3 -> utf8(wrongChatTypes());
            case 4 -> utf8("{\"inputs\":{\"" + (random.nextBoolean() ? "k" : pick(NUL_TEXTS)) + "\":\""
                    + pick(NUL_TEXTS) + "\"},\"query\":\"" + pick(NUL_TEXTS) + "\",\"user\":\"u\"}");
            case 5 -> withBadUtf8("{\"query\":\"", "\",\"user\":\"u\"}");
            default -> utf8("{\"query\":\"" + "q".repeat(1_048_577) + "\",\"user\":\"u\"}");
        };
    }

    private String wrongChatTypes() {
        String query = pick(new String[] {"1", "[\"hi\"]", "{}", "null", "true"});
        String user = pick(new String[] {"1", "[\"u\"]", "\"\"", "\"   \"", "null", "{}"});
        String inputs = pick(new String[] {"\"str\"", "1", "[1]", "true"});
        String mode = pick(new String[] {"\"sideways\"", "1", "[]", "{}", "\"BLOCKING\""});
        return switch (random.nextInt(6)) {
            case 0 -> "{\"query\":" + query + ",\"user\":\"u\"}";
            case 1 -> "{\"query\":\"hi\",\"user\":" + user + "}";
            case 2 -> "{\"query\":\"hi\",\"user\":\"u\",\"inputs\":" + inputs + "}";
            case 3 -> "{\"query\":\"hi\",\"user\":\"u\",\"response_mode\":" + mode + "}";
            case 4 -> "{\"user\":\"u\"}";
            default -> pick(new String[] {"[]", "\"text\"", "42", "null", "{}", "[" + CHAT + "]"});
        };
    }

    /** An object whose one text field is wrong in some way: missing, mistyped, too long, unstorable, not UTF-8. */
    private byte[] invalidObject(String field, int maxLength) {
        String valid = "{\"" + field + "\":\"x\"}";
        return switch (random.nextInt(7)) {
            case 0 -> utf8(valid.substring(0, random.nextInt(valid.length())));
            case 1 -> randomBytes();
            case 2 -> deep();
            case 3 -> utf8("{\"" + field + "\":" + pick(new String[] {"1", "[]", "{}", "true", "null", "\"\"",
                    "\"  \"", "[\"x\"]", "{\"x\":1}"}) + "}");
            case 4 -> utf8("{\"" + field + "\":\"" + pick(NUL_TEXTS) + "\"}");
            case 5 -> withBadUtf8("{\"" + field + "\":\"", "\"}");
            default -> utf8("{\"" + field + "\":\"" + "n".repeat(maxLength + 1 + random.nextInt(1000)) + "\"}");
        };
    }

    private byte[] invalidApp() {
        return random.nextInt(3) > 0 ? invalidObject("name", 200) : utf8(pick(new String[] {
                "{\"name\":\"a\",\"difyApiKey\":\"k\",\"mode\":\"bogus\"}",
                "{\"name\":\"a\",\"difyApiKey\":\"\",\"mode\":\"chat\"}",
                "{\"name\":\"a\",\"difyApiKey\":\"k\",\"mode\":\"CHAT\"}",
                "{\"name\":\"a\",\"difyApiKey\":\"\\u0000\",\"mode\":\"chat\"}",
                "{\"name\":\"a\",\"difyApiKey\":[\"k\"],\"mode\":\"chat\"}",
                "{\"name\":\"a\",\"difyApiKey\":\"k\"}"}));
    }

    private byte[] invalidKey() {
        if (random.nextInt(3) > 0) {
            return invalidObject("name", 200);
        }
        return utf8("{\"name\":\"k\",\"appId\":\"" + appId + "\",\"roles\":" + pick(new String[] {"[]",
                "[\"platform-admin\"]", "[\"bogus\"]", "\"developer\"", "[null]", "[\"\\u0000\"]", "[1]",
                "[\"developer\",\"platform-admin\"]"}) + "}");
    }

    private byte[] invalidGrant() {
        if (random.nextInt(3) == 0) {
            return invalidObject("reason", 500);
        }
        String tokens = pick(new String[] {"0", "-5", "\"x\"", "1e30", "9223372036854775808", "[]", "{}", "null",
                "-9223372036854775808", "\"\\u0000\"", "true"});
        return utf8("{\"tokens\":" + tokens + ",\"reason\":\"r\"}");
    }

    private byte[] invalidPolicy() {
        if (random.nextInt(3) == 0) {
            return invalidObject("actions", 0);
        }
        return utf8(pick(new String[] {"{\"version\":\"x\"}", "{\"actions\":\"all\"}", "{\"actions\":[1]}",
                "{\"maskAndRestore\":\"maybe\"}", "{\"actions\":[{\"category\":\"\\u0000\"}]}",
                "{\"customRules\":[]}", "{\"limits\":\"none\"}", "{\"actions\":[{\"stage\":\"NEVER\"}]}",
                "{\"actions\":[{\"verdict\":{}}]}", "{\"version\":1e40}"}));
    }

    private byte[] invalidScan() {
        if (random.nextInt(3) == 0) {
            return invalidObject("text", 0);
        }
        return utf8(pick(new String[] {"{\"stage\":\"NEVER\",\"text\":\"x\"}", "{\"stage\":\"PRE\"}",
                "{\"stage\":\"PRE\",\"text\":1}", "{\"stage\":\"PRE\",\"text\":\"\\u0000\"}", "{\"text\":\"x\"}",
                "{\"stage\":\"PRE\",\"text\":\"x\",\"tenantId\":\"\\ud800\"}",
                "{\"stage\":\"PRE\",\"text\":\"x\",\"tenantId\":\"no-such-tenant\"}"}));
    }

    private String hostileQuery() {
        String value = pick(new String[] {"%00", "%ff", "%zz", "%", "x%00y", "%ed%a0%80", "2020-13-45",
                "yesterday", "-1", "9".repeat(40), "a".repeat(3000), "%E2%82", "\u00e9"});
        return pick(new String[] {
                "/api/accounts/" + accountId + "/balance?asOf=" + value,
                "/api/accounts/" + accountId + "/ledger?from=" + value + "&to=" + value,
                "/api/accounts/" + accountId + "/ledger?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z",
                "/api/usage?tenantId=" + value, "/api/usage?tenantId=" + tenantId + "&groupBy=" + value,
                "/api/usage?tenantId=" + tenantId + "&from=" + value, "/api/usage",
                "/api/usage?tenantId=" + tenantId + "&from=2020-01-01&to=2025-01-01",
                "/api/usage?" + value + "=" + value});
    }

    private String hostileIdPath() {
        String id = pick(new String[] {"%00", "%ff", "%zz", "a%2Fb", "..", ".", "%2e%2e", word(), "x".repeat(4000),
                "\u00ff", "%ed%a0%80", "a;b=c", "*", "~", "%", "a|b", "[1]", "a\\b", "{x}", "a%2"});
        return pick(new String[] {"/api/calls/" + id, "/api/tenants/" + id, "/api/tenants/" + id + "/firewall-policy",
                "/api/accounts/" + id + "/balance", "/api/tenants/" + tenantId + "/api-keys/" + id,
                "/api/accounts/" + id + "/ledger"});
    }

    private String unknownDifyPath() {
        // Every path of the reference is served since issue 7: these are neither Dify's nor the gateway's.
        return pick(new String[] {"/v1", "/v1/", "/v1/x", "/v1/completion-messages/abc", "/v1/chat-messages/abc",
                "/v1/files/" + word() + "/upload", "/v1/workflows/x/y", "/v1/" + word(),
                "/v1/chat-messages/" + word() + "/halt", "/v1/datasets/" + word() + "/documents",
                "/V1/chat-messages", "/v1/CHAT-MESSAGES", "/v1/chat-messages\u00ff", "/v1/chat-messages%",
                "/v1/%zz/chat-messages", "/v1/chat|messages", "/v1\\chat-messages"});
    }

    private byte[] withBadUtf8(String before, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8(before + "ok"));
        bytes.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
        bytes.writeBytes(utf8(after));
        return bytes.toByteArray();
    }

    private byte[] deep() {
        int depth = 200 + random.nextInt(20_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return utf8(open.repeat(depth) + "1" + close.repeat(random.nextBoolean() ? depth : depth / 2));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
