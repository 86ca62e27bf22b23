package io.sigmacode.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Settings of the gateway itself. Every one has an environment variable by Spring's relaxed binding
 * ({@code sigmacode.data-dir} is {@code SIGMACODE_DATA_DIR}); docs/configuration.md lists them all.
 *
 * @param dataDir       where the embedded PostgreSQL keeps its data when no external database is configured
 * @param adminToken    bootstrap platform-admin bearer token; management APIs refuse every caller until it is set
 * @param encryptionKey base64 AES-256 key that seals Dify app keys; when blank a key is generated under dataDir
 */
@ConfigurationProperties("sigmacode")
public record SigmacodeProperties(@DefaultValue("./data") Path dataDir, String adminToken, String encryptionKey) {

    /** The bootstrap token may do everything; a short one could be guessed. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    /** Refuses to start with a short admin token; the message never repeats the token, which would leak it. */
    public SigmacodeProperties {
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("SIGMACODE_ADMIN_TOKEN is " + adminToken.length()
                    + " characters long; it must have at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " (for example: openssl rand -base64 32). Unset it to keep the management APIs closed.");
        }
    }
}
