package io.sigmacode.gateway.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One HTTP POST to replay under load; construction fails for any non-loopback host. */
public final class BenchRequest {

    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;

    public BenchRequest(URI uri, Map<String, String> headers, byte[] body) {
        this.uri = LoopbackGuard.requireLoopback(Objects.requireNonNull(uri));
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    public static BenchRequest post(String url, Map<String, String> headers, String body) {
        return new BenchRequest(URI.create(url), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public URI uri() {
        return uri;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    /** The shared array, for the senders in this package that only ever wrap it read-only. */
    byte[] payload() {
        return body;
    }
}
