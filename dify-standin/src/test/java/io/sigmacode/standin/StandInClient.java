package io.sigmacode.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking java.net.http calls from the test thread, which is never a Netty event loop. */
final class StandInClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final DifyStandIn standIn;

    StandInClient(DifyStandIn standIn) {
        this.standIn = standIn;
    }

    HttpResponse<String> post(String path, String key, String body) throws IOException {
        HttpRequest.Builder request = request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    HttpResponse<String> postWithAuthorization(String path, String authorization, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> get(String path, String key) throws IOException {
        return send(request(path, key).GET().build());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    static String chatBody(String responseMode) {
        return "{\"inputs\":{},\"query\":\"What are the specs?\",\"response_mode\":\"" + responseMode
                + "\",\"user\":\"abc-123\"}";
    }

    static String inputsBody(String responseMode) {
        return "{\"inputs\":{\"query\":\"Translate\"},\"response_mode\":\"" + responseMode + "\",\"user\":\"abc-123\"}";
    }
}
