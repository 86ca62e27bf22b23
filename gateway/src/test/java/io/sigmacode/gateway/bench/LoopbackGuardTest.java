package io.sigmacode.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/v1/chat-messages", "http://localhost/v1", "http://127.3.2.1:1/",
            "https://LOCALHOST:8443/x", "http://[::1]:8080/v1"})
    void acceptsLoopback(String url) {
        assertEquals(URI.create(url), BenchRequest.post(url, Map.of(), "{}").uri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/v1", "http://192.168.1.10:8080/", "http://172.16.0.1/",
            "http://8.8.8.8/", "http://api.dify.ai/v1", "http://localhost.example.com/", "http://127.0.0.1.nip.io/",
            "http://[::2]/", "ftp://127.0.0.1/", "http:///nohost"})
    void refusesEverythingElse(String url) {
        assertThrows(IllegalArgumentException.class, () -> BenchRequest.post(url, Map.of(), "{}"));
    }
}
