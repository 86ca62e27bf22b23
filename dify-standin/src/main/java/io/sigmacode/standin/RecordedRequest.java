package io.sigmacode.standin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request as the stand-in received it, before any validation. */
public final class RecordedRequest {

    private final String method;
    private final String uri;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    RecordedRequest(String method, String uri, String path, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.path = path;
        this.headers = headers;
        this.body = body.clone();
    }

    public String method() {
        return method;
    }

    /** Path plus query string, exactly as sent. */
    public String uri() {
        return uri;
    }

    /** Path without the query string. */
    public String path() {
        return path;
    }

    /** Header names are case-insensitive keys; values keep their order of arrival. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + uri + " (" + body.length + " body bytes)";
    }
}
