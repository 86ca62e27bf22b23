package io.sigmacode.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

/**
 * The Dify upstream.
 *
 * @param baseUrl         Dify's service API base including {@code /v1} ({@code SIGMACODE_DIFY_BASE_URL})
 * @param connectTimeout  how long to wait for a TCP connection before answering 502
 * @param responseTimeout how long a blocking call may take before answering 504; Dify Cloud's own edge cuts at ~100 s
 * @param maxRequestSize  largest JSON request body the gateway accepts (413 beyond)
 * @param maxUploadSize   largest body of {@code POST /v1/files/upload}, streamed through (413 beyond); Dify's own
 *                        largest default is 100 MB (video)
 * @param maxAudioSize    largest body of {@code POST /v1/audio-to-text}, streamed through (413 beyond); Dify's own
 *                        default for audio is 50 MB
 * @param maxConnections  connection pool size towards Dify
 */
@ConfigurationProperties("sigmacode.dify")
public record DifyProperties(@DefaultValue("http://localhost:5001/v1") URI baseUrl,
                             @DefaultValue("2s") Duration connectTimeout,
                             @DefaultValue("120s") Duration responseTimeout,
                             @DefaultValue("1MB") DataSize maxRequestSize,
                             @DefaultValue("100MB") DataSize maxUploadSize,
                             @DefaultValue("50MB") DataSize maxAudioSize,
                             @DefaultValue("500") int maxConnections) {

    /**
     * No call sent this long ago can still be waiting for Dify: the age after which a call with no known owner (one
     * recorded before nodes held leases) is taken as lost, and its Idempotency-Key may be taken over.
     */
    public Duration noCallRunsLongerThan() {
        return responseTimeout.plusMinutes(1);
    }
}
